package com.example.bank.transfer;

import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transfersOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.bank.database.InjectedFailure;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Transfers on the same accounts that queue while their lane's transaction runs are committed together, and
 * each still gets its own answer. To make the queue form on cue, a rival transaction holds the source
 * account's row lock, so that the first transfer's transaction waits and the others queue behind it.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    ExecutorService clients;
    UUID payer;
    UUID payee;
    long transactionsBefore;
    double transfersBefore;

    @BeforeEach
    void openAccounts() {
        clients = Executors.newFixedThreadPool(8);
        payer = openAccount("Payer", "USD", 1000);
        payee = openAccount("Payee", "USD", 0);
        transactionsBefore = batches().count();
        transfersBefore = batches().totalAmount();
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void transfersQueuedBehindARunningTransactionShareTheNextOneEachWithItsOwnAnswer() throws Exception {
        List<Future<Response>> queued = sendWhileTheFirstWaits(List.of(
                () -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 100, "USD"),
                () -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 100, "USD"),
                () -> transfer(payer, payee, 100, "USD"),
                // Refused in any order: the payee never holds more than 500.
                () -> transfer(payee, payer, 10_000, "USD")));

        assertEquals(Map.of(201, 5L, 422, 1L), statuses(queued));
        assertEquals(500, balanceOf(payer));
        assertEquals(500, balanceOf(payee));
        assertEquals(5, transfersOf(payer).size());
        // The first transfer alone, then the five that queued, in one transaction.
        assertEquals(2, batches().count() - transactionsBefore);
        assertEquals(6, batches().totalAmount() - transfersBefore);
    }

    /** A failure other than a rule's fails the shared transaction; each transfer is then run alone. */
    @Test
    void aTransferThatBreaksTheSharedTransactionDoesNotFailItsNeighbours() throws Exception {
        List<Future<Response>> queued;
        try (InjectedFailure failure = InjectedFailure.postgresqlErrorOnLedgerRow(dataSource, 13, "23514")) {
            queued = sendWhileTheFirstWaits(List.of(
                    () -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 100, "USD"),
                    () -> transfer(payer, payee, 13, "USD"), () -> transfer(payer, payee, 100, "USD")));
            assertEquals(Map.of(201, 3L, 500, 1L), statuses(queued));
        }

        assertEquals(700, balanceOf(payer));
        assertEquals(300, balanceOf(payee));
        assertEquals(3, transfersOf(payer).size());
        // Committed: the first alone, then the two good ones of the three that queued, each alone; neither the
        // shared attempt that was rolled back nor the broken transfer's own attempt is a committed transaction.
        assertEquals(3, batches().count() - transactionsBefore);
        assertEquals(3, batches().totalAmount() - transfersBefore);
    }

    /** One transfer that keeps conflicting exhausts the batch's retries; the others are then run alone and commit. */
    @Test
    void aTransferThatKeepsConflictingDoesNotFailItsNeighbours() throws Exception {
        List<Future<Response>> queued;
        try (InjectedFailure failure = InjectedFailure.postgresqlErrorOnLedgerRow(dataSource, 13, "40001")) {
            queued = sendWhileTheFirstWaits(List.of(
                    () -> transfer(payer, payee, 100, "USD"), () -> transfer(payer, payee, 100, "USD"),
                    () -> transfer(payer, payee, 13, "USD"), () -> transfer(payer, payee, 100, "USD")));
            assertEquals(Map.of(201, 3L, 503, 1L), statuses(queued));
        }

        assertEquals(700, balanceOf(payer));
        assertEquals(3, transfersOf(payer).size());
    }

    /** Copies of one keyed request that land in one batch: the first makes the transfer, the others replay it. */
    @Test
    void theSameKeyTwiceInOneBatchMovesTheMoneyOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Future<Response>> sent = sendWhileTheFirstWaits(List.of(
                () -> transfer(payer, payee, 1, "USD"),
                () -> transfer(payer, payee, 100, "USD", key), () -> transfer(payer, payee, 100, "USD", key),
                () -> transfer(payer, payee, 100, "USD", key)));

        assertEquals(Map.of(201, 4L), statuses(sent));
        List<Response> keyed = new ArrayList<>();
        for (Future<Response> response : sent.subList(1, sent.size())) {
            keyed.add(response.get());
        }
        assertEquals(1, keyed.stream().map(response -> response.<String> path("id")).distinct().count());
        assertEquals(2, keyed.stream().filter(response -> "true".equals(response.header("Idempotent-Replayed"))).count());
        assertEquals(899, balanceOf(payer));
        assertEquals(2, transfersOf(payer).size());
        assertEquals(2, batches().count() - transactionsBefore, "the three copies shared one transaction");
    }

    /** A keyed batch that fails is re-run a transfer at a time: each key ends with its own transfer's answer only. */
    @Test
    void keyedTransfersOfAFailedBatchAreEachRunAloneAndRecordedOnce() throws Exception {
        String first = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        List<Future<Response>> sent;
        try (InjectedFailure failure = InjectedFailure.postgresqlErrorOnLedgerRow(dataSource, 13, "23514")) {
            sent = sendWhileTheFirstWaits(List.of(
                    () -> transfer(payer, payee, 100, "USD"),
                    () -> transfer(payer, payee, 100, "USD", first), () -> transfer(payer, payee, 13, "USD", broken),
                    () -> transfer(payer, payee, 100, "USD", third)));
            assertEquals(Map.of(201, 3L, 500, 1L), statuses(sent));
        }

        transfer(payer, payee, 100, "USD", first).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(sent.get(1).get().<String> path("id")));
        transfer(payer, payee, 100, "USD", third).then().statusCode(201).header("Idempotent-Replayed", "true");
        transfer(payer, payee, 13, "USD", broken).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(1000 - 300 - 13, balanceOf(payer));
        assertEquals(4, transfersOf(payer).size());
    }

    private List<Future<Response>> sendWhileTheFirstWaits(List<Callable<Response>> requests) throws Exception {
        return QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer, requests);
    }

    private static Map<Integer, Long> statuses(List<Future<Response>> sent) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> response : sent) {
            statuses.add(response.get(30, TimeUnit.SECONDS).statusCode());
        }
        return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private DistributionSummary batches() {
        return registry.get("bank.transfer.batch.size").summary();
    }
}
