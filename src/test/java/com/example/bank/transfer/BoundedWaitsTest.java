package com.example.bank.transfer;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transfersOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.example.bank.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * A row lock held elsewhere stalls a lane for {@code bank.database.lock-timeout} at most (1 s here), and
 * readiness reports the lane as stuck once it has been busy for {@code bank.transfer.stuck-after} (500 ms).
 */
@QuarkusTest
@TestProfile(BoundedWaitsTest.ShortWaits.class)
class BoundedWaitsTest {

    public static class ShortWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.database.lock-timeout", "1s", "bank.transfer.stuck-after", "500ms");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void aForeignLockRefusesTheTransferAfterTheLockTimeoutAndReadinessShowsTheStuckLaneMeanwhile() throws Exception {
        UUID payer = openAccount("Locked payer", "USD", 1000);
        UUID payee = openAccount("Payee", "USD", 0);
        ExecutorService clients = Executors.newSingleThreadExecutor();
        List<Future<Response>> sent;
        try {
            sent = QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer,
                    List.of(() -> transfer(payer, payee, 100, "USD")), () -> {
                        awaitReadiness(503);
                        awaitReadiness(200); // the lock timeout ended the wait while the rival still holds the lock
                        return null;
                    });
        } finally {
            clients.shutdown();
        }

        Response refused = sent.get(0).get(30, TimeUnit.SECONDS);
        assertProblem(refused, ProblemType.DATABASE_TIMEOUT);
        assertEquals("1", refused.header("Retry-After"));
        assertEquals(1000, balanceOf(payer));
        assertEquals(0, balanceOf(payee));
        assertEquals(0, transfersOf(payer).size());

        transfer(payer, payee, 100, "USD").then().statusCode(201);
    }

    private void awaitReadiness(int status) {
        await("readiness answering " + status).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().port(managementPort).get("/q/health/ready").statusCode() == status);
    }
}
