package com.example.bank.transfer;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the ledger: written in the same transaction as the balance change, never modified afterwards. */
@Entity
@Immutable
@Table(name = "transfer")
public class Transfer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "from_account_id", nullable = false, updatable = false)
    public UUID fromAccountId;

    @Column(name = "to_account_id", nullable = false, updatable = false)
    public UUID toAccountId;

    @Column(nullable = false, updatable = false)
    public long amount;

    @Column(nullable = false, updatable = false, length = 3)
    public String currency;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static Transfer record(UUID fromAccountId, UUID toAccountId, long amount, String currency, Instant at) {
        Transfer transfer = new Transfer();
        transfer.fromAccountId = fromAccountId;
        transfer.toAccountId = toAccountId;
        transfer.amount = amount;
        transfer.currency = currency;
        transfer.createdAt = at;
        return transfer;
    }

    /** Transfers into or out of an account, newest first. */
    public static PanacheQuery<Transfer> involving(UUID accountId) {
        return find("fromAccountId = ?1 or toAccountId = ?1",
                Sort.descending("createdAt").and("id", Sort.Direction.Descending), accountId);
    }
}
