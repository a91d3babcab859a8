package com.example.bank.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.bank.PackagedService;
import com.example.bank.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two instances of the packaged service on one database, as behind a load balancer: a client that re-sends
 * under its key, with the copies landing on both instances at the same moment, pays once and gets one answer.
 * The copies race on the account rows and on the key's unique index across two processes, which is where
 * the retry protocol and the key lookup have to agree.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER_SUBJECT = "two-instances-customer";
    private static final String[] CUSTOMER = { "Authorization", "Bearer " + Tokens.customer(CUSTOMER_SUBJECT) };
    private static final String[] TELLER = { "Authorization", "Bearer " + Tokens.teller("two-instances-teller") };
    private static final int KEYS = 40;
    private static final int COPIES_PER_INSTANCE = 3;
    private static final long AMOUNT = 7;
    private static final long OPENING = 1_000_000;

    @Test
    void copiesOfOneKeyedTransferSentToTwoInstancesAtOnceMoveTheMoneyOnce() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            Map<String, String> settings = PackagedService.productionSettings(database.getPort());
            // The migration step first, as in production; then both instances start at the same moment.
            PackagedService.migrate(settings);
            try (PackagedService first = PackagedService.start(settings);
                    PackagedService second = PackagedService.start(settings)) {
                first.awaitReady(Duration.ofSeconds(60));
                second.awaitReady(Duration.ofSeconds(60));
                sendCopiesToBoth(database, first, second);
            }
        }
    }

    private static void sendCopiesToBoth(EmbeddedPostgres database, PackagedService first, PackagedService second)
            throws Exception {
        UUID payer = openAccount(first, OPENING);
        List<UUID> payees = List.of(openAccount(second, 0), openAccount(first, 0));

        ExecutorService clients = Executors.newFixedThreadPool(2 * COPIES_PER_INSTANCE);
        Set<String> transferIds = new HashSet<>();
        try {
            for (int k = 0; k < KEYS; k++) {
                String key = UUID.randomUUID().toString();
                String body = transferJson(payer, payees.get(k % payees.size()));
                List<HttpResponse<String>> answers = sendAtOnce(clients, List.of(first, second), key, body);
                Set<String> ids = new HashSet<>();
                int made = 0;
                for (HttpResponse<String> answer : answers) {
                    assertEquals(201, answer.statusCode(), answer.body());
                    ids.add(JSON.readTree(answer.body()).path("id").asText());
                    made += answer.headers().firstValue("Idempotent-Replayed").isPresent() ? 0 : 1;
                }
                assertEquals(Set.of(new RecordedAnswer.Id(CUSTOMER_SUBJECT, key).ledgerEntryId().toString()), ids,
                        "copies of key " + key + " got different transfers, or not the one the key names");
                assertEquals(1, made, "copies of key " + key + " not answered as replays");
                transferIds.addAll(ids);
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(KEYS, transferIds.size());
        try (Connection sql = DriverManager.getConnection(database.getJdbcUrl("postgres", "postgres"))) {
            assertEquals(KEYS, count(sql, "SELECT count(*) FROM transfer WHERE kind = 'TRANSFER'"));
            assertEquals(0, count(sql, "SELECT count(*) FROM idempotency_key"), "key rows besides the ledger rows");
            assertEquals(OPENING - KEYS * AMOUNT, count(sql, "SELECT balance FROM account WHERE id = '" + payer + "'"));
            assertEquals(OPENING, count(sql, "SELECT sum(balance) FROM account"), "money was created or lost");
        }
    }

    /** Every copy waits at a latch, then all go at once: half to each instance. */
    private static List<HttpResponse<String>> sendAtOnce(ExecutorService clients, List<PackagedService> instances, String key,
            String body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (PackagedService instance : instances) {
            for (int copy = 0; copy < COPIES_PER_INSTANCE; copy++) {
                Callable<HttpResponse<String>> send = () -> {
                    start.await();
                    return instance.post("/transfers", body, CUSTOMER[0], CUSTOMER[1], "Idempotency-Key", key);
                };
                sent.add(clients.submit(send));
            }
        }
        start.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> copy : sent) {
            answers.add(copy.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static UUID openAccount(PackagedService service, long openingBalance) throws IOException {
        HttpResponse<String> created = service.post("/accounts", "{\"ownerId\": \"" + CUSTOMER_SUBJECT
                + "\", \"ownerName\": \"Two instances\", \"currency\": \"USD\", \"openingBalance\": " + openingBalance + "}", TELLER);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode account = JSON.readTree(created.body());
        assertTrue(account.hasNonNull("id"));
        return UUID.fromString(account.path("id").asText());
    }

    private static String transferJson(UUID from, UUID to) {
        return "{\"fromAccountId\": \"" + from + "\", \"toAccountId\": \"" + to + "\", \"amount\": " + AMOUNT
                + ", \"currency\": \"USD\"}";
    }

    private static long count(Connection sql, String query) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
