package com.example.bank.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;

/**
 * Makes the database refuse the service's next transactions with an error, in a statement or at COMMIT, the
 * way CockroachDB refuses them with 40001 "restart transaction", and counts the service's attempts.
 * <p>
 * On CockroachDB this is CockroachDB's own injection ({@link CockroachRetryErrorInjector}). On PostgreSQL a
 * trigger raises the error: an immediate one fails the statement, a deferred constraint
 * trigger fails the COMMIT. It counts its calls with a sequence, because sequences are not rolled back, so the
 * count survives the failed transactions.
 */
public abstract class InjectedFailure implements AutoCloseable {

    public enum At {
        STATEMENT, COMMIT
    }

    /** How many transactions the service started since the injection (on PostgreSQL: that changed the account). */
    public abstract long attempts();

    @Override
    public abstract void close();

    /** 40001 on the next {@code failures} transactions that change {@code accountId}, on either database. */
    public static InjectedFailure serializationFailures(DataSource dataSource, UUID accountId, int failures, At at) {
        if (DatabaseKind.of(dataSource) == DatabaseKind.COCKROACHDB) {
            return OnCockroach.arm(at, failures);
        }
        return OnPostgresql.create(dataSource, "UPDATE", "account", onAccount(accountId), failures, "40001", at);
    }

    /** Any SQLSTATE at COMMIT: only PostgreSQL can raise an arbitrary one, so the test is skipped elsewhere. */
    public static InjectedFailure postgresqlErrorAtCommit(DataSource dataSource, UUID accountId, int failures, String sqlState) {
        DatabaseKind.assumePostgresql(dataSource, "CockroachDB can only inject its retry error, 40001, not " + sqlState);
        return OnPostgresql.create(dataSource, "UPDATE", "account", onAccount(accountId), failures, sqlState, At.COMMIT);
    }

    /** Any SQLSTATE when a ledger row of this amount is inserted; PostgreSQL only, skipped elsewhere. */
    public static InjectedFailure postgresqlErrorOnLedgerRow(DataSource dataSource, long amount, String sqlState) {
        DatabaseKind.assumePostgresql(dataSource, "CockroachDB can only inject its retry error, 40001, not " + sqlState);
        return OnPostgresql.create(dataSource, "INSERT", "transfer", "NEW.amount = " + amount, Integer.MAX_VALUE,
                sqlState, At.STATEMENT);
    }

    private static String onAccount(UUID accountId) {
        return "NEW.id = '" + accountId + "'";
    }

    private static final class OnCockroach extends InjectedFailure {
        private final CockroachRetryErrorInjector injector;

        private OnCockroach(CockroachRetryErrorInjector injector) {
            this.injector = injector;
        }

        static OnCockroach arm(At at, int failures) {
            CockroachRetryErrorInjector injector = Arc.container().instance(CockroachRetryErrorInjector.class).get();
            injector.arm(at, failures);
            return new OnCockroach(injector);
        }

        @Override
        public long attempts() {
            return injector.acquisitionsWhileArmed();
        }

        @Override
        public void close() {
            injector.disarm();
        }
    }

    private static final class OnPostgresql extends InjectedFailure {
        private final DataSource dataSource;
        private final String table;

        private OnPostgresql(DataSource dataSource, String table) {
            this.dataSource = dataSource;
            this.table = table;
        }

        /** Fails {@code operation}s on {@code table} whose new row meets {@code condition}. */
        static OnPostgresql create(DataSource dataSource, String operation, String table, String condition, int failures,
                String sqlState, At at) {
            OnPostgresql injected = new OnPostgresql(dataSource, table);
            injected.execute("CREATE SEQUENCE test_attempts");
            injected.execute("""
                    CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF nextval('test_attempts') <= %d THEN
                            RAISE EXCEPTION 'injected failure' USING ERRCODE = '%s';
                        END IF;
                        RETURN NULL;
                    END $$""".formatted(failures, sqlState));
            String timing = at == At.COMMIT ? "DEFERRABLE INITIALLY DEFERRED" : "NOT DEFERRABLE";
            injected.execute("CREATE CONSTRAINT TRIGGER test_fail AFTER %s ON %s %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION test_fail()"
                    .formatted(operation, table, timing, condition));
            return injected;
        }

        @Override
        public long attempts() {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM test_attempts")) {
                row.next();
                return row.getBoolean("is_called") ? row.getLong("last_value") : 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            execute("DROP TRIGGER test_fail ON " + table);
            execute("DROP FUNCTION test_fail()");
            execute("DROP SEQUENCE test_attempts");
        }

        private void execute(String sql) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
