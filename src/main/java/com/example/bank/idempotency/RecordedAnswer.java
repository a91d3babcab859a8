package com.example.bank.idempotency;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * rule it refused it by. A transfer's answer is its ledger row, whose id the key names
 * ({@link Id#ledgerEntryId()}); a refusal makes no ledger row and is stored here, in the key table, in the
 * transaction that made it, so that both exist or neither does. Written by the transfer's batch (the transfer
 * package's {@code LedgerRows}), read through this entity. The table also holds the transfers recorded by the
 * versions that wrote a key row for every keyed transfer, until they expire.
 * <p>
 * Keys belong to the caller (the subject of its token): the same key sent by two users names two requests,
 * and no user can read or block another's.
 */
@Entity
@Table(name = "idempotency_key")
@IdClass(RecordedAnswer.Id.class)
public class RecordedAnswer extends PanacheEntityBase {

    /** The primary key: whose key, and the key. */
    public record Id(String subject, String key) implements Serializable {

        /** Fixed forever: changing it would let every key already served make a second transfer. */
        private static final byte[] LEDGER_ENTRY_NAMESPACE = "bank-transfer/ledger-entry/v1".getBytes(StandardCharsets.UTF_8);

        /**
         * The id of the ledger entry a transfer requested under this key gets: a name-based UUID (RFC 9562
         * version 8, from SHA-256) of the subject and the key, the same on every instance and every attempt. The
         * ledger's primary key thus claims the key: a second transfer under it fails on that key, so a keyed
         * transfer writes nothing a keyless one does not. The subject is length-prefixed so that no two
         * (subject, key) pairs hash the same bytes.
         */
        public UUID ledgerEntryId() {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java platform has SHA-256", e);
            }
            byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
            sha256.update(LEDGER_ENTRY_NAMESPACE);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(subjectBytes.length).array());
            sha256.update(subjectBytes);
            sha256.update(key.getBytes(StandardCharsets.UTF_8));
            ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
            long high = (hash.getLong() & ~0xF000L) | 0x8000L; // version 8
            long low = (hash.getLong() & ~(0xC0L << 56)) | (0x80L << 56); // the RFC's variant
            return new UUID(high, low);
        }
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
