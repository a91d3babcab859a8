package com.example.bank.devdatabase;

/** The dev-mode CockroachDB could not be started; the message carries the node's own output. */
public class CockroachStartException extends RuntimeException {
    public CockroachStartException(String message) {
        super(message);
    }

    public CockroachStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
