package com.example.bank.problem;

/** An error the client can act on: reported as its {@link ProblemType}, logged without a stack trace. */
public abstract class ApiException extends RuntimeException {

    private final ProblemType problemType;

    protected ApiException(ProblemType problemType, String detail) {
        super(detail, null, false, false);
        this.problemType = problemType;
    }

    public ProblemType problemType() {
        return problemType;
    }
}
