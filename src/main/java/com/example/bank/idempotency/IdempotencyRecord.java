package com.example.bank.idempotency;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.exception.ConstraintViolationException;

import com.example.bank.database.DatabaseClock;
import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.IdClass;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Table;

/**
 * What the service answered to a request carrying an {@code Idempotency-Key}: the transfer it made, or the
 * rule it refused it by. Stored in the transaction that made that answer, so that both exist or neither does.
 * <p>
 * Keys belong to the caller (the subject of its token): the same key sent by two users names two requests,
 * and no user can read or block another's.
 */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyRecord.Id.class)
public class IdempotencyRecord extends PanacheEntityBase {

    private static final String PRIMARY_KEY = "idempotency_key_pkey";

    /** The primary key: whose key, and the key. */
    public record Id(String subject, String key) implements Serializable {
    }

    @jakarta.persistence.Id
    @Column(name = "subject", length = 255)
    public String subject;

    @jakarta.persistence.Id
    @Column(name = "idempotency_key", length = IdempotencyKey.MAX_LENGTH)
    public String key;

    @Column(name = "from_account_id", nullable = false)
    public UUID fromAccountId;

    @Column(name = "to_account_id", nullable = false)
    public UUID toAccountId;

    @Column(nullable = false)
    public long amount;

    @Column(nullable = false, length = 3)
    public String currency;

    /** Set when the request made a transfer. */
    @Column(name = "transfer_id")
    public UUID transferId;

    /** Set when a rule refused the request. Stored by name: rename a constant only with a migration. */
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_type", length = 64)
    public ProblemType rejectionType;

    @Column(name = "rejection_detail", length = 1000)
    public String rejectionDetail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static IdempotencyRecord findByKey(String subject, String key) {
        return findById(new Id(subject, key));
    }

    public static IdempotencyRecord completed(String subject, String key, UUID from, UUID to, long amount,
            String currency, UUID transferId) {
        IdempotencyRecord record = of(subject, key, from, to, amount, currency);
        record.transferId = transferId;
        return record;
    }

    public static IdempotencyRecord rejected(String subject, String key, UUID from, UUID to, long amount,
            String currency, ApiException rejection) {
        IdempotencyRecord record = of(subject, key, from, to, amount, currency);
        record.rejectionType = rejection.problemType();
        record.rejectionDetail = rejection.getMessage();
        return record;
    }

    public boolean isFor(UUID from, UUID to, long amount, String currency) {
        return fromAccountId.equals(from) && toAccountId.equals(to) && this.amount == amount && this.currency.equals(currency);
    }

    public RecordedRejection rejection() {
        return new RecordedRejection(rejectionType, rejectionDetail);
    }

    /** Inserts now rather than at commit, so that a key taken concurrently is told apart from other errors. */
    public void claim() {
        try {
            persistAndFlush();
        } catch (PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException violation
                    && PRIMARY_KEY.equals(violation.getConstraintName())) {
                throw new KeyClaimedConcurrentlyException(e);
            }
            throw e;
        }
    }

    private static IdempotencyRecord of(String subject, String key, UUID from, UUID to, long amount, String currency) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.subject = subject;
        record.key = key;
        record.fromAccountId = from;
        record.toAccountId = to;
        record.amount = amount;
        record.currency = currency;
        record.createdAt = DatabaseClock.now();
        return record;
    }
}
