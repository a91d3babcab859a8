package com.example.bank.problem;

import java.net.URI;

/**
 * Every kind of error this service reports, with the stable {@code type} URI clients branch on (RFC 9457).
 * Titles never change for a type; the per-occurrence explanation goes in {@code detail}.
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "The request body could not be read"),
    INVALID_CURSOR(400, "invalid-cursor", "The page cursor is not one this service gave"),
    IDEMPOTENCY_KEY_REQUIRED(400, "idempotency-key-required", "This service requires an Idempotency-Key header"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key", "The Idempotency-Key header is not valid"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "Your role does not allow this"),
    ACCOUNT_NOT_FOUND(404, "account-not-found", "Account not found"),
    TRANSFER_NOT_FOUND(404, "transfer-not-found", "Transfer not found"),
    INVALID_AMOUNT(422, "invalid-amount", "The amount is not valid"),
    SAME_ACCOUNT(422, "same-account", "Source and destination are the same account"),
    CURRENCY_MISMATCH(422, "currency-mismatch", "The currencies do not match"),
    INSUFFICIENT_FUNDS(422, "insufficient-funds", "Insufficient funds"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused",
            "The Idempotency-Key was already used for a different request"),
    BALANCE_OVERFLOW(422, "balance-overflow", "The balance would exceed the largest amount an account can hold"),
    TRANSFER_CONTENTION(503, "transfer-contention",
            "The database kept reporting conflicting transactions; nothing was changed"),
    TRANSFER_QUEUE_FULL(503, "transfer-queue-full", "Too many transfers are waiting; nothing was changed"),
    TRANSFER_DEADLINE_EXCEEDED(503, "transfer-deadline-exceeded",
            "The transfer waited too long to start; nothing was changed"),
    TRANSFER_OUTCOME_UNKNOWN(503, "transfer-outcome-unknown",
            "The database could not confirm whether the transfer was committed"),
    DATABASE_TIMEOUT(503, "database-timeout",
            "The database did not answer in time; nothing was changed"),
    SERVICE_SHUTTING_DOWN(503, "service-shutting-down", "This instance is shutting down"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error");

    /** {@code bank.example} is reserved for examples (RFC 6761); teams adopting the service point it at their docs. */
    public static final String BASE_URI = "https://bank.example/problems/";

    public final int status;
    /** The last segment of {@link #type}; also the {@code outcome} tag of the transfer metrics. */
    public final String slug;
    public final URI type;
    public final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.type = URI.create(BASE_URI + slug);
        this.title = title;
    }
}
