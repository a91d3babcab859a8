package com.example.bank.idempotency;

/**
 * Another transaction committed the same key between this transaction's lookup and its insert. Re-running
 * the transaction finds that key and answers from it, so this is retried like a serialization failure.
 * (PostgreSQL at SERIALIZABLE reports this case as 40001 itself; CockroachDB may report a unique violation.)
 */
public class KeyClaimedConcurrentlyException extends RuntimeException {
    public KeyClaimedConcurrentlyException(Throwable cause) {
        super("The idempotency key was claimed by a concurrent request", cause);
    }
}
