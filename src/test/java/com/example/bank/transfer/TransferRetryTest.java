package com.example.bank.transfer;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.transfersOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.example.bank.BankApi.Snapshot;
import com.example.bank.database.DatabaseKind;
import com.example.bank.database.InjectedFailure;
import com.example.bank.database.LockWaits;
import com.example.bank.database.RetriedTransactions;
import com.example.bank.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

/**
 * Retries against real failures of the real database: a conflicting concurrent transaction, and COMMITs that
 * the database refuses. Nothing here is simulated in Java.
 */
@QuarkusTest
class TransferRetryTest {

    @ConfigProperty(name = "quarkus.fault-tolerance.\"com.example.bank.database.RetriedTransactions/inNewTransaction\".retry.max-retries")
    int maxRetries;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    RetriedTransactions transactions;

    @Inject
    TransferTransaction transaction;

    RetryMetrics metrics;

    @BeforeEach
    void readMetrics() {
        metrics = new RetryMetrics(registry);
    }

    @Test
    void everyConnectionIsSerializable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SHOW transaction_isolation")) {
            row.next();
            assertEquals("serializable", row.getString(1));
        }
    }

    /**
     * The transfer's transaction starts and queues for the row lock that a concurrent transaction holds; that
     * transaction then changes the row and commits. Under SERIALIZABLE, PostgreSQL refuses the waiting
     * transaction with 40001 "could not serialize access due to concurrent update"; the retry succeeds.
     */
    @Test
    void retriesAfterLosingToAConcurrentTransaction() throws Exception {
        DatabaseKind.assumePostgresql(dataSource, "CockroachDB may let the waiting transaction go on at a later "
                + "timestamp instead of failing it; its retry errors are injected by the tests below");
        UUID from = openAccount("Contended", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);
        long retriesBefore = metrics.retries();

        CompletableFuture<Response> pending;
        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            execute(rival, "SELECT balance FROM account WHERE id = ? FOR UPDATE", from);
            pending = CompletableFuture.supplyAsync(() -> transfer(from, to, 100, "USD"));
            LockWaits.awaitATransactionWaitingForALock(dataSource.getConnection());
            execute(rival, "UPDATE account SET balance = balance WHERE id = ?", from);
            rival.commit();
        }
        Response response = pending.get(30, TimeUnit.SECONDS);

        response.then().statusCode(201);
        assertTrue(metrics.retries() - retriesBefore >= 1, "the conflict did not cause a retry");
        assertEquals(900, balanceOf(from));
        assertEquals(100, balanceOf(to));
        assertEquals(List.of(UUID.fromString(response.path("id"))), transfersOf(from));
    }

    /**
     * 40001 in a statement, or at COMMIT as CockroachDB often reports it: the service starts a new transaction.
     * On CockroachDB the error is CockroachDB's own injected "restart transaction".
     */
    @ParameterizedTest
    @EnumSource(InjectedFailure.At.class)
    void retriesASerializationFailure(InjectedFailure.At at) {
        UUID from = openAccount("Fails once", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);

        assertRetriedOnce(from, to, () -> InjectedFailure.serializationFailures(dataSource, from, 1, at));
    }

    /** 40P01 is PostgreSQL's deadlock; CockroachDB reports its deadlocks as 40001. */
    @Test
    void retriesAPostgresqlDeadlock() {
        UUID from = openAccount("Deadlocks once", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);

        assertRetriedOnce(from, to, () -> InjectedFailure.postgresqlErrorAtCommit(dataSource, from, 1, "40P01"));
    }

    private void assertRetriedOnce(UUID from, UUID to, Supplier<InjectedFailure> injection) {
        long retriesBefore = metrics.retries();

        Attempted attempted = transferWhile(injection, from, to);

        attempted.response().then().statusCode(201);
        assertEquals(2, attempted.attempts());
        assertEquals(1, metrics.retries() - retriesBefore);
        assertEquals(900, balanceOf(from));
        assertEquals(100, balanceOf(to));
        assertEquals(List.of(UUID.fromString(attempted.response().path("id"))), transfersOf(to));
    }

    /** The answer to a transfer of 100 made while {@code injection} is in force, and the attempts it took. */
    private record Attempted(Response response, long attempts) {
    }

    private static Attempted transferWhile(Supplier<InjectedFailure> injection, UUID from, UUID to) {
        try (InjectedFailure failure = injection.get()) {
            Response response = transfer(from, to, 100, "USD");
            return new Attempted(response, failure.attempts());
        }
    }

    @Test
    void answersServiceUnavailableWhenRetriesRunOutAndChangesNothing() {
        UUID from = openAccount("Commit always fails", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);
        Snapshot before = Snapshot.of(from, to);

        Attempted attempted = transferWhile(() -> InjectedFailure.serializationFailures(dataSource, from,
                Integer.MAX_VALUE, InjectedFailure.At.COMMIT), from, to);

        assertProblem(attempted.response(), ProblemType.TRANSFER_CONTENTION);
        attempted.response().then().header("Retry-After", equalTo("1"));
        assertEquals(maxRetries + 1, attempted.attempts());
        before.assertUnchanged();
    }

    @Test
    void neverRetriesARuleViolation() {
        UUID from = openAccount("Poor", "USD", 10);
        UUID to = openAccount("Receiver", "USD", 0);
        long retriesBefore = metrics.retries();
        long invocationsBefore = metrics.invocations();

        assertProblem(transfer(from, to, 11, "USD"), ProblemType.INSUFFICIENT_FUNDS);

        assertEquals(1, metrics.invocations() - invocationsBefore);
        assertEquals(0, metrics.retries() - retriesBefore);
    }

    /** A constraint violation (23514) would fail again: one attempt, an error, nothing changed. */
    @Test
    void neverRetriesAConstraintViolation() {
        UUID from = openAccount("Violates a constraint", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);
        Snapshot before = Snapshot.of(from, to);

        Attempted attempted = transferWhile(
                () -> InjectedFailure.postgresqlErrorAtCommit(dataSource, from, Integer.MAX_VALUE, "23514"), from, to);

        assertProblem(attempted.response(), ProblemType.INTERNAL_ERROR);
        assertEquals(1, attempted.attempts());
        before.assertUnchanged();
    }

    /** Retrying inside a caller's transaction would re-run statements in a transaction already aborted. */
    @Test
    void refusesToRunInsideAnExistingTransaction() {
        UUID from = openAccount("Nested", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 0);
        Snapshot before = Snapshot.of(from, to);
        TransferRequest request = new TransferRequest(from, to, 100L, "USD");

        assertThrows(TransactionalException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> transactions.inNewTransaction(() -> transaction.apply(List.of(
                                new PendingTransfer(request, ownerOf(from), Optional.empty(), System.nanoTime() + 60_000_000_000L,
                                        Span.getInvalid())),
                                new TransferTransaction.KeyLookup()))));

        before.assertUnchanged();
    }

    private static void execute(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.execute();
        }
    }
}
