package com.example.bank.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Makes the database fail the COMMIT of the next {@code failures} transactions that update one account, with
 * the given SQLSTATE, the way CockroachDB fails a COMMIT with "restart transaction" (40001).
 * <p>
 * A deferred constraint trigger runs at COMMIT; it counts its calls with a sequence because sequences are not
 * rolled back, so the count survives the failed transactions and tells how many attempts the service made.
 */
public final class InjectedCommitFailure implements AutoCloseable {

    private final DataSource dataSource;

    private InjectedCommitFailure(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static InjectedCommitFailure onUpdateOf(DataSource dataSource, UUID accountId, int failures, String sqlState) {
        InjectedCommitFailure injected = new InjectedCommitFailure(dataSource);
        injected.execute("CREATE SEQUENCE test_commit_attempts");
        injected.execute("""
                CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('test_commit_attempts') <= %d THEN
                        RAISE EXCEPTION 'injected failure at COMMIT' USING ERRCODE = '%s';
                    END IF;
                    RETURN NULL;
                END $$""".formatted(failures, sqlState));
        injected.execute("""
                CREATE CONSTRAINT TRIGGER test_fail_commit AFTER UPDATE ON account
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (NEW.id = '%s') EXECUTE FUNCTION test_fail_commit()""".formatted(accountId));
        return injected;
    }

    /** How many transactions reached COMMIT with a change to the account. */
    public long commitAttempts() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM test_commit_attempts")) {
            row.next();
            return row.getBoolean("is_called") ? row.getLong("last_value") : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        execute("DROP TRIGGER test_fail_commit ON account");
        execute("DROP FUNCTION test_fail_commit()");
        execute("DROP SEQUENCE test_commit_attempts");
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
