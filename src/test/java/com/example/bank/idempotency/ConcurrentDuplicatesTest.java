package com.example.bank.idempotency;

import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.transfersOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.example.bank.database.LockWaits;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class ConcurrentDuplicatesTest {

    private static final Logger LOG = Logger.getLogger(ConcurrentDuplicatesTest.class);
    private static final int THREADS = 16;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ExpiredKeyPurge purge;

    /**
     * Many copies of one request, released at once: exactly one moves money; the others wait for it (on its row
     * locks, then a serialization failure and a retry that finds the key) and answer with the same transfer.
     */
    @Test
    void movesMoneyOnceForManySimultaneousCopiesOfOneRequest() throws Exception {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            sent.add(threads.submit(() -> {
                start.await();
                return transfer(from, to, 100, "USD", key);
            }));
        }

        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> response : sent) {
            responses.add(response.get(1, TimeUnit.MINUTES));
        }
        threads.shutdown();

        Set<Integer> statuses = responses.stream().map(Response::statusCode).collect(Collectors.toSet());
        Set<String> transferIds = responses.stream().map(response -> response.<String> path("id")).collect(Collectors.toSet());
        long replayed = responses.stream().filter(response -> "true".equals(response.header("Idempotent-Replayed"))).count();
        List<UUID> ledger = transfersOf(from);
        LOG.infof("Concurrent duplicates: %d threads, one key: statuses %s, %d distinct transfer ids, %d replayed, "
                + "%d ledger rows", THREADS, statuses, transferIds.size(), replayed, ledger.size());
        assertEquals(Set.of(201), statuses);
        assertEquals(1, transferIds.size());
        assertEquals(THREADS - 1, replayed);
        assertEquals(List.of(UUID.fromString(transferIds.iterator().next())), ledger);
        assertEquals(900, balanceOf(from));
        assertEquals(100, balanceOf(to));
    }

    /**
     * Another replica refuses the same request and records the refusal, while this one waits for that replica's
     * row locks: once they are released, this transfer does not see the refusal (its snapshot is older) and
     * could make the transfer. It must not: the replica read the ledger row this key names and found none, and
     * this transaction read the key table and missed the refusal, a cycle that SERIALIZABLE refuses (40001 in
     * PostgreSQL). The transfer runs again, finds the refusal, and answers with it; no 500, no payment.
     */
    @Test
    void aKeyAnsweredByAnotherReplicaMeanwhileIsAnsweredFromIt() throws Exception {
        UUID from = openAccount("Raced payer", "USD", 1000);
        UUID to = openAccount("Raced payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<Response> raced;
        try (Connection rival = dataSource.getConnection()) {
            rival.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            rival.setAutoCommit(false);
            try (PreparedStatement lock = rival.prepareStatement("SELECT id FROM account WHERE id IN (?, ?) FOR UPDATE");
                    PreparedStatement refuse = rival.prepareStatement("INSERT INTO idempotency_key (subject, "
                            + "idempotency_key, from_account_id, to_account_id, amount, currency, rejection_type, "
                            + "rejection_detail, created_at) SELECT ?, ?, ?, ?, 100, 'USD', 'INSUFFICIENT_FUNDS', "
                            + "'Recorded by the rival.', now() WHERE NOT EXISTS (SELECT 1 FROM transfer WHERE id = ?)")) {
                lock.setObject(1, from);
                lock.setObject(2, to);
                lock.executeQuery().close();
                refuse.setString(1, ownerOf(from));
                refuse.setString(2, key);
                refuse.setObject(3, from);
                refuse.setObject(4, to);
                refuse.setObject(5, new RecordedAnswer.Id(ownerOf(from), key).ledgerEntryId());
                assertEquals(1, refuse.executeUpdate());
            }
            raced = client.submit(() -> transfer(from, to, 100, "USD", key));
            LockWaits.awaitATransactionWaitingForALock(dataSource.getConnection());
            rival.commit();
        } finally {
            client.shutdown();
        }

        Response answer = raced.get(30, TimeUnit.SECONDS);
        answer.then().statusCode(422).body("detail", org.hamcrest.Matchers.equalTo("Recorded by the rival."));
        assertEquals(1000, balanceOf(from));
        assertEquals(List.of(), transfersOf(from));
    }

    /**
     * The key table holds refusals only: those older than the retention are deleted, and their keys forgotten.
     * A transfer is its key's record in the ledger, which keeps it: its key is answered for as long.
     */
    @Test
    void purgesRefusalsOlderThanTheRetentionOnly() throws SQLException {
        UUID from = openAccount("Short payer", "USD", 50);
        UUID to = openAccount("Payee", "USD", 0);
        UUID funder = openAccount("Funder", "USD", 1000);
        String expired = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        String paid = UUID.randomUUID().toString();
        transfer(from, to, 100, "USD", expired).then().statusCode(422);
        transfer(from, to, 100, "USD", fresh).then().statusCode(422);
        transfer(from, to, 50, "USD", paid).then().statusCode(201);
        age(expired, Duration.ofHours(25));

        long deleted = purge.purgeExpired();

        assertEquals(1, deleted);
        transfer(funder, from, 500, "USD").then().statusCode(201);
        transfer(from, to, 100, "USD", fresh).then().statusCode(422); // the balance would allow it now
        // Past the retention a refusal is forgotten: the same request runs again. This is why keys must be kept
        // for longer than any client keeps re-sending.
        transfer(from, to, 100, "USD", expired).then().statusCode(201).header("Idempotent-Replayed", (String) null);
        transfer(from, to, 50, "USD", paid).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(400, balanceOf(from));
    }

    /** Every replica runs the purge: two at once over the same expired keys both finish, and none is left. */
    @Test
    void purgesSafelyFromTwoInstancesAtOnce() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO idempotency_key (subject, idempotency_key, from_account_id, to_account_id, amount, "
                    + "currency, rejection_type, created_at) SELECT 'purge-test', 'expired-' || n, gen_random_uuid(), "
                    + "gen_random_uuid(), 1, 'USD', 'INSUFFICIENT_FUNDS', now() - interval '2 days' "
                    + "FROM generate_series(1, 2500) AS n");
        }
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> runs = List.of(instances.submit(purge::purgeExpired), instances.submit(purge::purgeExpired));
            for (Future<Long> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            instances.shutdown();
        }
        purge.purgeExpired();

        try (Connection connection = dataSource.getConnection();
                PreparedStatement left = connection.prepareStatement(
                        "SELECT count(*) FROM idempotency_key WHERE subject = 'purge-test'");
                ResultSet count = left.executeQuery()) {
            count.next();
            assertEquals(0, count.getLong(1));
        }
    }

    private void age(String key, Duration by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE idempotency_key SET created_at = ? WHERE idempotency_key = ?")) {
            update.setObject(1, java.sql.Timestamp.from(Instant.now().minus(by)));
            update.setString(2, key);
            assertEquals(1, update.executeUpdate());
        }
    }
}
