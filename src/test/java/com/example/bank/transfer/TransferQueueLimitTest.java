package com.example.bank.transfer;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.transfersOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * A lane holds at most {@code bank.transfer.queue-max-size} waiting transfers (2 here); the next one is refused
 * at once, with nothing changed, while the lane is stalled on a row lock held elsewhere.
 */
@QuarkusTest
@TestProfile(TransferQueueLimitTest.TwoWaitingPerLane.class)
class TransferQueueLimitTest {

    public static class TwoWaitingPerLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.transfer.queue-max-size", "2");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void refusesATransferAtOnceWhenItsLaneIsFullAndRunsTheQueuedOnes() throws Exception {
        UUID payer = openAccount("Payer", "USD", 1000);
        UUID payee = openAccount("Payee", "USD", 0);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Response> refused = new ArrayList<>();
        try {
            // The lane's transaction waits for the row; two more transfers wait on the lane; a fourth is refused.
            List<Future<Response>> accepted = QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer,
                    List.of(() -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 100, "USD"),
                            () -> transfer(payer, payee, 100, "USD")),
                    () -> refused.add(transfer(payer, payee, 100, "USD")));

            assertProblem(refused.get(0), ProblemType.TRANSFER_QUEUE_FULL);
            refused.get(0).then().header("Retry-After", equalTo("1"));
            for (Future<Response> response : accepted) {
                response.get(30, TimeUnit.SECONDS).then().statusCode(201);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(700, balanceOf(payer));
        assertEquals(300, balanceOf(payee));
        assertEquals(3, transfersOf(payer).size());
    }
}
