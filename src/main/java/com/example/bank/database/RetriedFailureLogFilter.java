package com.example.bank.database;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Under SERIALIZABLE a failed COMMIT is routine: the transfer is retried and the fault-tolerance metrics count
 * it. The transaction manager would still log each one as a warning with a full stack trace (ARJUNA016039),
 * which would bury real problems under contention. Only records caused by a serialization failure are dropped.
 */
@LoggingFilter(name = "retried-serialization-failures")
public final class RetriedFailureLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        return record.getThrown() == null || TransactionFailure.of(record.getThrown()) != TransactionFailure.CONFLICT;
    }
}
