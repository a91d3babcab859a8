package com.example.bank.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import com.example.bank.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Query;
import jakarta.persistence.Table;

/**
 * One row of the ledger: written in the same transaction as the balance change, never modified afterwards.
 * Money enters only by a deposit (no source account) and moves only by a transfer, so every balance is the
 * sum of its account's entries: deposits and transfers in, minus transfers out.
 */
@Entity
@Immutable
@Table(name = "transfer")
public class Transfer extends PanacheEntityBase {

    /**
     * Given when the entry is made, not by Hibernate: a batch of transfers writes its entries over plain JDBC.
     * A transfer's is chosen by whoever asks for it (see {@link Account#transfer}); a deposit's is random.
     */
    @Id
    public UUID id;

    /** Stored by name: rename a constant only with a migration. */
    public enum Kind {
        /** From one account to another. */
        TRANSFER,
        /** Into an account from outside the bank (a teller's deposit, or the opening deposit). */
        DEPOSIT
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    public Kind kind;

    /** Null for a deposit. */
    @Column(name = "from_account_id", updatable = false)
    public UUID fromAccountId;

    @Column(name = "to_account_id", nullable = false, updatable = false)
    public UUID toAccountId;

    @Column(nullable = false, updatable = false)
    public long amount;

    @Column(nullable = false, updatable = false, length = 3)
    public String currency;

    /** The token subject of whoever made it: the customer who sent a transfer, the teller who took a deposit. */
    @Column(name = "initiated_by", nullable = false, updatable = false, length = 255)
    public String initiatedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static Transfer transfer(UUID id, UUID fromAccountId, UUID toAccountId, long amount, String currency,
            String initiatedBy, Instant at) {
        return record(id, Kind.TRANSFER, fromAccountId, toAccountId, amount, currency, initiatedBy, at);
    }

    public static Transfer deposit(UUID toAccountId, long amount, String currency, String initiatedBy, Instant at) {
        return record(UUID.randomUUID(), Kind.DEPOSIT, null, toAccountId, amount, currency, initiatedBy, at);
    }

    private static Transfer record(UUID id, Kind kind, UUID fromAccountId, UUID toAccountId, long amount,
            String currency, String initiatedBy, Instant at) {
        Transfer transfer = new Transfer();
        transfer.id = id;
        transfer.kind = kind;
        transfer.initiatedBy = initiatedBy;
        transfer.fromAccountId = fromAccountId;
        transfer.toAccountId = toAccountId;
        transfer.amount = amount;
        transfer.currency = currency;
        transfer.createdAt = at;
        return transfer;
    }

    /**
     * Up to {@code limit} entries into or out of an account, newest first, after {@code after} when given.
     * <p>
     * Each side is read from its own index, (from_account_id, created_at DESC, id DESC) and (to_account_id, …),
     * seeking past the cursor and stopping at {@code limit} rows; the two short lists are then merged. A single
     * {@code from = ? OR to = ?} query would fetch and sort all of a busy account's entries for every page.
     */
    @SuppressWarnings("unchecked")
    public static List<Transfer> history(UUID accountId, Optional<Cursor> after, int limit) {
        Query query = getEntityManager().createNativeQuery(historySql(after.isPresent()), Transfer.class)
                .setParameter("account", accountId)
                .setParameter("limit", limit);
        after.ifPresent(cursor -> query.setParameter("createdAt", cursor.createdAt()).setParameter("id", cursor.id()));
        return query.getResultList();
    }

    /** The SQL of {@link #history}, with named parameters account, limit and, after a cursor, createdAt and id. */
    public static String historySql(boolean afterCursor) {
        String seek = afterCursor ? " AND (created_at, id) < (:createdAt, :id)" : "";
        String side = "SELECT * FROM transfer WHERE %s = :account" + seek + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        return "SELECT * FROM ((" + side.formatted("from_account_id") + ") UNION ALL (" + side.formatted("to_account_id")
                + ")) AS entry ORDER BY created_at DESC, id DESC LIMIT :limit";
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }

    /** The entry, if one of its accounts belongs to {@code ownerId}. */
    public static Optional<Transfer> findVisibleTo(UUID id, String ownerId) {
        return find("from Transfer t where t.id = ?1 and exists (select 1 from Account a where a.ownerId = ?2 "
                + "and (a.id = t.fromAccountId or a.id = t.toAccountId))", id, ownerId).firstResultOptional();
    }
}
