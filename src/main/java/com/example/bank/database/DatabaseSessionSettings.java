package com.example.bank.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sets {@link DatabaseSessionConfig}'s bounds on each new connection. PostgreSQL and CockroachDB both take
 * {@code lock_timeout} and {@code statement_timeout} in milliseconds, and report a statement they stopped
 * with the SQLSTATEs {@link TransactionFailure#TIMEOUT} names.
 */
@Startup
@ApplicationScoped
public class DatabaseSessionSettings implements AgroalPoolInterceptor {

    @Inject
    DatabaseSessionConfig config;

    /** At start rather than at the first connection, so that a bound out of range stops the start. */
    @PostConstruct
    void checkRanges() {
        DatabaseSessionConfig.checkRanges(config);
    }

    @Override
    public void onConnectionCreate(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + config.lockTimeout().toMillis());
            statement.execute("SET statement_timeout = " + config.statementTimeout().toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the session's timeouts", e);
        }
    }
}
