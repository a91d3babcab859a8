package com.example.bank.problem;

import java.util.OptionalInt;

/** An error the client can act on: reported as its {@link ProblemType}, logged without a stack trace. */
public abstract class ApiException extends RuntimeException {

    private final ProblemType problemType;

    protected ApiException(ProblemType problemType, String detail) {
        this(problemType, detail, null);
    }

    /** {@code cause}: what the server's log line names; the client sees only the detail. */
    protected ApiException(ProblemType problemType, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.problemType = problemType;
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** Seconds after which the client may send the same request again, for the {@code Retry-After} header. */
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.empty();
    }
}
