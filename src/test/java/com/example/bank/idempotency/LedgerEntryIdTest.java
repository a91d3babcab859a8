package com.example.bank.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The ledger id a key names: the same on every instance and run, and never another key's. */
class LedgerEntryIdTest {

    /**
     * Also what Python's hashlib gives for the same bytes: SHA-256 of the namespace, the subject's length (4
     * bytes, big-endian), the subject and the key, cut to 16 bytes, then the version and variant bits set.
     */
    private static final String PINNED = "8d431a8e-d2e6-80ae-8ebb-2423acd068dc";

    @Test
    void isTheSameForTheSameSubjectAndKeyOnly() {
        UUID id = new RecordedAnswer.Id("alice", "key-1").ledgerEntryId();

        assertEquals(id, new RecordedAnswer.Id("alice", "key-1").ledgerEntryId());
        assertNotEquals(id, new RecordedAnswer.Id("bob", "key-1").ledgerEntryId());
        assertNotEquals(id, new RecordedAnswer.Id("alice", "key-2").ledgerEntryId());
    }

    /** Without the subject's length in the hash, these two would hash the same bytes. */
    @Test
    void doesNotConfuseWhereTheSubjectEndsAndTheKeyBegins() {
        assertNotEquals(new RecordedAnswer.Id("ab", "c").ledgerEntryId(), new RecordedAnswer.Id("a", "bc").ledgerEntryId());
    }

    /**
     * Pinned: the ids of keys already served are in the ledger, so a change of the derivation would let every
     * one of them move money again. This value was computed by the first version that derived ids.
     */
    @Test
    void neverChanges() {
        assertEquals(UUID.fromString(PINNED), new RecordedAnswer.Id("alice", "key-1").ledgerEntryId());
    }

    @Test
    void isAVersion8UuidOfTheRfcVariant() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = new RecordedAnswer.Id("subject", "key-" + i).ledgerEntryId();
            assertEquals(8, id.version());
            assertEquals(2, id.variant());
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }

}
