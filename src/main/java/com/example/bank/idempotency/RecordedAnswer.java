package com.example.bank.idempotency;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hibernate.exception.ConstraintViolationException;

import com.example.bank.database.DatabaseClock;
import com.example.bank.database.PaddedInList;
import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.IdClass;
import jakarta.persistence.Query;
import jakarta.persistence.Table;

/**
 * What the service answered to a request carrying an {@code Idempotency-Key}: the transfer it made, or the
 * rule it refused it by. Stored in the transaction that made that answer, so that both exist or neither does:
 * read through this entity, written by the transfer's batch in the same statement as its ledger row (the
 * transfer package's {@code LedgerRows}).
 * <p>
 * Keys belong to the caller (the subject of its token): the same key sent by two users names two requests,
 * and no user can read or block another's.
 */
@Entity
@Table(name = "idempotency_key")
@IdClass(RecordedAnswer.Id.class)
public class RecordedAnswer extends PanacheEntityBase {

    private static final String PRIMARY_KEY = "idempotency_key_pkey";

    /** The primary key: whose key, and the key. */
    public record Id(String subject, String key) implements Serializable {
    }

    @jakarta.persistence.Id
    @Column(name = "subject", length = 255)
    public String subject;

    @jakarta.persistence.Id
    @Column(name = "idempotency_key", length = IdempotencyKeyHeader.MAX_LENGTH)
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

    /** The recorded answers to these keys, by key: one query for a whole batch of transfers. */
    public static Map<Id, RecordedAnswer> findAll(List<Id> keys) {
        Map<Id, RecordedAnswer> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<Id> padded = PaddedInList.of(keys);
        // Native: HQL has no portable row-value IN, and the (subject, key) pair is what the primary key indexes.
        Query query = getEntityManager().createNativeQuery("SELECT * FROM idempotency_key WHERE (subject, idempotency_key) IN ("
                + padded.stream().map(key -> "(?, ?)").collect(Collectors.joining(", ")) + ")", RecordedAnswer.class);
        int position = 1;
        for (Id key : padded) {
            query.setParameter(position++, key.subject());
            query.setParameter(position++, key.key());
        }
        for (Object row : query.getResultList()) {
            RecordedAnswer record = (RecordedAnswer) row;
            found.put(new Id(record.subject, record.key), record);
        }
        return found;
    }

    public static RecordedAnswer completed(Id key, UUID from, UUID to, long amount, String currency, UUID transferId) {
        RecordedAnswer record = of(key, from, to, amount, currency);
        record.transferId = transferId;
        return record;
    }

    public static RecordedAnswer rejected(Id key, UUID from, UUID to, long amount, String currency,
            ApiException rejection) {
        RecordedAnswer record = of(key, from, to, amount, currency);
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

    /**
     * Whether a write failed because one of its keys was recorded before: by an earlier request, or by a
     * concurrent one that committed first. Its request is then answered from that record, not failed.
     * (PostgreSQL at SERIALIZABLE may report that race as a serialization failure instead; CockroachDB may
     * report the unique violation. Hibernate 7 throws its ConstraintViolationException itself; older versions
     * wrapped it.)
     */
    public static boolean isKeyRecordedBefore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && PRIMARY_KEY.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private static RecordedAnswer of(Id key, UUID from, UUID to, long amount, String currency) {
        RecordedAnswer record = new RecordedAnswer();
        record.subject = key.subject();
        record.key = key.key();
        record.fromAccountId = from;
        record.toAccountId = to;
        record.amount = amount;
        record.currency = currency;
        record.createdAt = DatabaseClock.now();
        return record;
    }
}
