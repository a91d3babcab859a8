package com.example.bank.transfer;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transfersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A transfer that waits on its lane past its deadline (1 s here) is refused with 503, nothing changed, and
 * never runs afterwards, even once the lane moves again: its client may have given up and sent it again.
 */
@QuarkusTest
@TestProfile(TransferDeadlineTest.OneSecondDeadline.class)
class TransferDeadlineTest {

    public static class OneSecondDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.transfer.deadline", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void refusesATransferThatCouldNotStartBeforeItsDeadlineAndNeverRunsIt() throws Exception {
        UUID payer = openAccount("Deadline payer", "USD", 1000);
        UUID payee = openAccount("Deadline payee", "USD", 0);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> sent;
        try {
            // The second transfer queues behind the first, stalled on the lock, past its deadline.
            sent = QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer,
                    List.of(() -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 10, "USD")),
                    () -> {
                        Thread.sleep(1_500);
                        return null;
                    });
        } finally {
            clients.shutdown();
        }

        assertEquals(201, sent.get(0).get(30, TimeUnit.SECONDS).statusCode(), "it had started before its deadline");
        Response refused = sent.get(1).get(30, TimeUnit.SECONDS);
        assertProblem(refused, ProblemType.TRANSFER_DEADLINE_EXCEEDED);
        assertEquals("1", refused.header("Retry-After"));
        assertEquals(900, balanceOf(payer));
        assertEquals(1, transfersOf(payer).size());
    }
}
