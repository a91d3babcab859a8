package com.example.bank.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The migrations that brought authentication, run on a database that was in use before it (schema V2, with
 * accounts, transfers and idempotency keys), as an operator's upgrade runs them: every account gets the
 * configured owner, every balance is explained by the ledger, and keys become per-caller.
 */
class MigrationUpgradeTest {

    private static final String LEGACY_OWNER = "ops-legacy";
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID EMPTY = UUID.randomUUID();

    private EmbeddedPostgres postgres;

    @BeforeEach
    void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void upgradesADatabaseFromBeforeAuthentication() throws SQLException {
        migrate("2");
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
            // Opened with 1000, 250 and 0; then Alice paid Bob 100 and Bob paid Alice 30.
            sql.execute("INSERT INTO account VALUES ('" + ALICE + "', 'Alice', 'USD', 930, now() - interval '2 days'), "
                    + "('" + BOB + "', 'Bob', 'USD', 320, now() - interval '2 days'), "
                    + "('" + EMPTY + "', 'Empty', 'USD', 0, now() - interval '2 days')");
            UUID payment = UUID.randomUUID();
            sql.execute("INSERT INTO transfer VALUES ('" + payment + "', '" + ALICE + "', '" + BOB + "', 100, 'USD', now() - interval '1 day'), "
                    + "('" + UUID.randomUUID() + "', '" + BOB + "', '" + ALICE + "', 30, 'USD', now() - interval '1 day')");
            sql.execute("INSERT INTO idempotency_key (idempotency_key, from_account_id, to_account_id, amount, currency, "
                    + "transfer_id, created_at) VALUES ('key-1', '" + ALICE + "', '" + BOB + "', 100, 'USD', '" + payment + "', now())");
        }

        migrate(null);

        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            assertEquals(Map.of(ALICE, LEGACY_OWNER, BOB, LEGACY_OWNER, EMPTY, LEGACY_OWNER), owners(connection));
            assertEquals(Map.of(ALICE, 1000L, BOB, 250L), deposits(connection), "opening balances recorded as deposits");
            assertEquals(balances(connection), balancesFromLedger(connection), "the ledger explains every balance");
            assertEquals(List.of("before-authentication"), distinct(connection, "SELECT DISTINCT initiated_by FROM transfer"));
            assertEquals(List.of("before-authentication"), distinct(connection, "SELECT DISTINCT subject FROM idempotency_key"));
            try (Statement sql = connection.createStatement()) {
                // The same key under another subject is another request; under the same subject, a duplicate.
                sql.execute("INSERT INTO idempotency_key (subject, idempotency_key, from_account_id, to_account_id, "
                        + "amount, currency, rejection_type, created_at) VALUES ('someone', 'key-1', '" + ALICE + "', '"
                        + BOB + "', 1, 'USD', 'INSUFFICIENT_FUNDS', now())");
                assertThrows(SQLException.class, () -> sql.execute("INSERT INTO idempotency_key (subject, idempotency_key, "
                        + "from_account_id, to_account_id, amount, currency, rejection_type, created_at) VALUES "
                        + "('someone', 'key-1', '" + ALICE + "', '" + BOB + "', 1, 'USD', 'INSUFFICIENT_FUNDS', now())"));
            }
        }
    }

    @Test
    void aDepositHasNoSourceAndATransferHasOne() throws SQLException {
        migrate(null);
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO account VALUES ('" + ALICE + "', 'Alice', 'USD', 0, now(), 'alice')");

            assertThrows(SQLException.class, () -> sql.execute("INSERT INTO transfer (id, kind, from_account_id, "
                    + "to_account_id, amount, currency, initiated_by, created_at) VALUES ('" + UUID.randomUUID()
                    + "', 'TRANSFER', NULL, '" + ALICE + "', 5, 'USD', 'teller', now())"));
            assertThrows(SQLException.class, () -> sql.execute("INSERT INTO transfer (id, kind, from_account_id, "
                    + "to_account_id, amount, currency, initiated_by, created_at) VALUES ('" + UUID.randomUUID()
                    + "', 'DEPOSIT', '" + ALICE + "', '" + ALICE + "', 5, 'USD', 'teller', now())"));
        }
    }

    private void migrate(String target) {
        var configuration = Flyway.configure().dataSource(postgres.getPostgresDatabase())
                .placeholders(Map.of("legacy_account_owner", LEGACY_OWNER));
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private static Map<UUID, String> owners(Connection connection) throws SQLException {
        Map<UUID, String> owners = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, owner_id FROM account");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                owners.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return owners;
    }

    private static Map<UUID, Long> deposits(Connection connection) throws SQLException {
        return sums(connection, "SELECT to_account_id, amount FROM transfer WHERE kind = 'DEPOSIT' AND from_account_id IS NULL");
    }

    private static Map<UUID, Long> balances(Connection connection) throws SQLException {
        return sums(connection, "SELECT id, balance FROM account");
    }

    /** Deposits and transfers in, minus transfers out, per account; accounts without entries are 0. */
    private static Map<UUID, Long> balancesFromLedger(Connection connection) throws SQLException {
        return sums(connection, "SELECT a.id, COALESCE((SELECT sum(amount) FROM transfer WHERE to_account_id = a.id), 0) "
                + "- COALESCE((SELECT sum(amount) FROM transfer WHERE from_account_id = a.id), 0) FROM account a");
    }

    private static Map<UUID, Long> sums(Connection connection, String query) throws SQLException {
        Map<UUID, Long> sums = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sums.merge(rows.getObject(1, UUID.class), rows.getLong(2), Long::sum);
            }
        }
        return sums;
    }

    private static List<String> distinct(Connection connection, String query) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
