package com.example.bank.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.bank.PackagedService;
import com.example.bank.Tokens;
import com.example.bank.database.LockWaits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged jar in its own process, on its own PostgreSQL: what an operator sees at start-up, when the
 * database goes away and comes back, at SIGTERM, and in the logs.
 */
class PackagedServiceIT {

    private static final Logger LOG = Logger.getLogger(PackagedServiceIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);
    private static final String CUSTOMER_SUBJECT = "it-customer";
    private static final String[] CUSTOMER = { "Authorization", "Bearer " + Tokens.customer(CUSTOMER_SUBJECT) };
    private static final String[] TELLER = { "Authorization", "Bearer " + Tokens.teller("it-teller") };

    private Path dataDirectory;
    private int databasePort;
    private EmbeddedPostgres database;

    @BeforeEach
    void startDatabase() throws IOException {
        dataDirectory = Files.createTempDirectory("bank-it-pg");
        database = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
        databasePort = database.getPort();
    }

    @AfterEach
    void stopDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void refusesToStartInProductionWithoutADatabaseUrl() throws InterruptedException {
        try (PackagedService service = PackagedService.start(PackagedService.devAuthSettings())) {
            int exit = service.awaitExit(START);

            assertNotEquals(0, exit);
            assertTrue(service.output().contains("its URL is not set") && service.output().contains("quarkus.datasource.jdbc.url"),
                    service.output());
        }
    }

    @Test
    void refusesToStartWithoutItsTokenSettings() throws InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(databaseSettings());
        settings.remove("BANK_AUTH_PUBLIC_KEY_LOCATION");
        try (PackagedService service = PackagedService.start(settings)) {
            int exit = service.awaitExit(START);

            assertNotEquals(0, exit);
            assertTrue(service.output().contains("bank.auth.public-key-location"), service.output());
        }
    }

    /** On a migrated schema: the settings are checked by the beans that use them, after Hibernate's start. */
    @Test
    void refusesToStartWithASettingOutOfRange() throws InterruptedException {
        Map<String, String> settings = migratedDatabase();
        settings.put("BANK_TRANSFER_LANES", "0");
        try (PackagedService service = PackagedService.start(settings)) {
            int exit = service.awaitExit(START);

            assertNotEquals(0, exit);
            assertTrue(service.output().contains("bank.transfer.lanes is 0; it must be from 1 to 256"), service.output());
        }
    }

    /** Production instances do not migrate: on a schema the migration step has not brought up to date, none starts. */
    @Test
    void refusesToStartOnASchemaThatWasNotMigrated() throws InterruptedException {
        try (PackagedService service = PackagedService.start(databaseSettings())) {
            int exit = service.awaitExit(START);

            assertNotEquals(0, exit);
            assertTrue(service.output().contains("Schema validation: missing table"), service.output());
        }
    }

    /**
     * The production jar: no dev-token endpoint (its tokens would be refused anyway), health and metrics only
     * on the management port, and tokens verified against the configured key.
     */
    @Test
    void servesTheApiWithTokensAndManagementOnItsOwnPortWithoutDevTokens() throws IOException {
        try (PackagedService service = PackagedService.start(migratedDatabase())) {
            service.awaitReady(START);

            assertEquals(404, service.get("/dev/token?subject=mallory&role=teller").statusCode());
            assertEquals(404, service.get("/q/health/ready").statusCode());
            assertEquals(404, service.get("/q/metrics").statusCode());
            assertEquals(200, service.getManagement("/q/metrics").statusCode());
            HttpResponse<String> anonymous = service.get("/accounts");
            assertEquals(401, anonymous.statusCode());
            assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(201, openAccount(service, 10).statusCode());
            assertEquals(200, service.get("/accounts", CUSTOMER).statusCode());
        }
    }

    @Test
    void readinessFollowsTheDatabaseWithoutARestart() throws IOException {
        try (PackagedService service = PackagedService.start(migratedDatabase())) {
            service.awaitReady(START);
            service.getManagement("/q/health/live");

            database.close();
            database = null;
            Duration down = service.awaitManagementStatus("/q/health/ready", 503, Duration.ofSeconds(30));
            assertEquals(200, service.getManagement("/q/health/live").statusCode(), "liveness must not depend on the database");
            database = EmbeddedPostgres.builder().setPort(databasePort).setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).start();
            Duration up = service.awaitManagementStatus("/q/health/ready", 200, Duration.ofSeconds(30));

            LOG.infof("Readiness: DOWN %d ms after the database stopped, UP %d ms after it restarted",
                    down.toMillis(), up.toMillis());
            assertEquals(201, openAccount(service, 10).statusCode(), "the service does not work after the database came back");
        }
    }

    @Test
    void finishesAnInFlightTransferAndRefusesNewRequestsOnSigterm() throws Exception {
        try (PackagedService service = PackagedService.start(migratedDatabase("BANK_SHUTDOWN_TIMEOUT", "30s"))) {
            service.awaitReady(START);
            UUID from = id(openAccount(service, 1000));
            UUID to = id(openAccount(service, 0));

            CompletableFuture<HttpResponse<String>> inFlight;
            try (Connection rival = connect()) {
                rival.setAutoCommit(false);
                lockAccount(rival, from);
                inFlight = CompletableFuture.supplyAsync(() -> {
                    try {
                        return service.post("/transfers", transferJson(from, to, 100), CUSTOMER);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                LockWaits.awaitATransactionWaitingForALock(connect());

                service.terminate();
                HttpResponse<String> refused = awaitRefusal(service, "/accounts/" + from);
                assertTrue(refused.body().contains("service-shutting-down"), refused.body());
                rival.rollback();
            }

            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(201, answer.statusCode(), answer.body());
            service.awaitExit(Duration.ofSeconds(30));
            assertEquals(List.of(900L, 100L), List.of(balance(from), balance(to)));
        }
    }

    /** During the shutdown delay the instance is not ready but still serves (it used to refuse at once). */
    @Test
    void keepsServingDuringTheShutdownDelayWhileNotReady() throws Exception {
        try (PackagedService service = PackagedService.start(migratedDatabase("BANK_SHUTDOWN_DELAY", "3s"))) {
            service.awaitReady(START);
            UUID account = id(openAccount(service, 10));

            service.terminate();
            service.awaitManagementStatus("/q/health/ready", 503, Duration.ofSeconds(2));

            assertEquals(200, service.get("/accounts/" + account, TELLER).statusCode(), "refused during the delay");
            // Nothing in flight afterwards: the instance exits when the delay ends (the refusal of new requests
            // while others finish is finishesAnInFlightTransferAndRefusesNewRequestsOnSigterm).
            service.awaitExit(Duration.ofSeconds(30));
        }
    }

    @Test
    void writesJsonLogLinesThatCarryTheRequestIdAndIdempotencyKey() throws Exception {
        try (PackagedService service = PackagedService.start(migratedDatabase("BANK_LOG_JSON", "true"))) {
            service.awaitReady(START);
            UUID from = id(openAccount(service, 10));
            UUID to = id(openAccount(service, 0));

            HttpResponse<String> refused = service.post("/transfers", transferJson(from, to, 100),
                    "X-Request-Id", "it-request-42", "Idempotency-Key", "it-key-42", CUSTOMER[0], CUSTOMER[1]);

            assertEquals(422, refused.statusCode());
            assertEquals("it-request-42", refused.headers().firstValue("X-Request-Id").orElse(null));
            JsonNode line = awaitLogLine(service, "it-request-42");
            assertEquals("it-key-42", line.path("mdc").path("idempotencyKey").asText());
            assertTrue(line.path("message").asText().contains("insufficient-funds"), line.toString());
            assertTrue(line.path("stackTrace").isMissingNode(), "a client error was logged with a stack trace");
        }
    }

    /**
     * Tracing on, and no collector listening (the endpoint is a closed port): transfers are served as usual,
     * and a gateway's trace id is in the request's JSON log line.
     */
    @Test
    void tracesWithoutACollectorAndLogsTheTraceId() throws Exception {
        String nowhere = "http://localhost:" + PackagedService.freePort();
        try (PackagedService service = PackagedService.start(migratedDatabase("BANK_LOG_JSON", "true",
                "OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_ENDPOINT", nowhere))) {
            service.awaitReady(START);
            UUID from = id(openAccount(service, 10));
            UUID to = id(openAccount(service, 0));
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";

            HttpResponse<String> refused = service.post("/transfers", transferJson(from, to, 100),
                    "X-Request-Id", "it-traced-1", "traceparent", traceparent, CUSTOMER[0], CUSTOMER[1]);
            HttpResponse<String> made = service.post("/transfers", transferJson(from, to, 5),
                    "Idempotency-Key", "it-traced-key", "traceparent", traceparent, CUSTOMER[0], CUSTOMER[1]);

            assertEquals(422, refused.statusCode());
            assertEquals(201, made.statusCode());
            assertEquals(traceId, awaitLogLine(service, "it-traced-1").path("mdc").path("traceId").asText());
        }
    }

    /** After SIGTERM: a new request gets 503 (or, once the listener is closed, no connection at all). */
    private static HttpResponse<String> awaitRefusal(PackagedService service, String path) {
        return await("a 503 to new requests after SIGTERM").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    try {
                        return service.get(path, TELLER);
                    } catch (IOException e) {
                        throw new AssertionError("the service closed its listener before the in-flight transfer finished", e);
                    }
                }, response -> response.statusCode() == 503);
    }

    private JsonNode awaitLogLine(PackagedService service, String requestId) {
        return await("a JSON log line with request id " + requestId).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> logLineOf(service, requestId), Optional::isPresent).orElseThrow();
    }

    private static Optional<JsonNode> logLineOf(PackagedService service, String requestId) throws IOException {
        for (String line : service.outputLines()) {
            if (line.startsWith("{")) {
                JsonNode json = JSON.readTree(line);
                if (requestId.equals(json.path("mdc").path("requestId").asText())) {
                    return Optional.of(json);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The settings of a service that is to start and serve: the database, migrated by the migration step
     * (README, Upgrading), and the token settings; {@code more} adds or overrides.
     */
    private Map<String, String> migratedDatabase(String... more) {
        Map<String, String> settings = databaseSettings(more);
        PackagedService.migrate(settings);
        return settings;
    }

    /** The database and the token settings, as an operator gives them; {@code more} adds or overrides. */
    private Map<String, String> databaseSettings(String... more) {
        Map<String, String> settings = PackagedService.productionSettings(databasePort);
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static HttpResponse<String> openAccount(PackagedService service, long balance) throws IOException {
        return service.post("/accounts", "{\"ownerId\": \"" + CUSTOMER_SUBJECT + "\", \"ownerName\": \"IT\", "
                + "\"currency\": \"USD\", \"openingBalance\": " + balance + "}", TELLER);
    }

    private static UUID id(HttpResponse<String> created) throws IOException {
        assertEquals(201, created.statusCode(), created.body());
        return UUID.fromString(JSON.readTree(created.body()).path("id").asText());
    }

    private static String transferJson(UUID from, UUID to, long amount) {
        return "{\"fromAccountId\": \"" + from + "\", \"toAccountId\": \"" + to + "\", \"amount\": " + amount
                + ", \"currency\": \"USD\"}";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", "");
    }

    private static void lockAccount(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT balance FROM account WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, id);
            lock.executeQuery().close();
        }
    }

    private long balance(UUID id) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
