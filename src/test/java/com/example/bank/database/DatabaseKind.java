package com.example.bank.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.opentest4j.TestAbortedException;

/**
 * Which database the tests run on: the embedded PostgreSQL, or a CockroachDB node (a {@code cockroach} binary
 * or container found by the dev database). CockroachDB answers the PostgreSQL wire protocol and names itself
 * in {@code version()}.
 */
public enum DatabaseKind {
    POSTGRESQL, COCKROACHDB;

    public static DatabaseKind of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DatabaseKind of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT version()")) {
            row.next();
            return row.getString(1).contains("CockroachDB") ? COCKROACHDB : POSTGRESQL;
        }
    }

    /** Aborts (skips, visibly) a test that exercises a behaviour only PostgreSQL has. */
    public static void assumePostgresql(DataSource dataSource, String why) {
        if (of(dataSource) != POSTGRESQL) {
            throw new TestAbortedException("PostgreSQL only: " + why);
        }
    }
}
