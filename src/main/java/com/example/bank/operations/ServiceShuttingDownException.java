package com.example.bank.operations;

import java.util.OptionalInt;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

/** This instance received SIGTERM: the client should send the request again, to another replica. */
public class ServiceShuttingDownException extends ApiException {

    public ServiceShuttingDownException() {
        super(ProblemType.SERVICE_SHUTTING_DOWN, "This instance is shutting down; send the request again.");
    }

    @Override
    public OptionalInt retryAfterSeconds() {
        return OptionalInt.of(1);
    }
}
