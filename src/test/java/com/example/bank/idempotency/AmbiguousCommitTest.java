package com.example.bank.idempotency;

import static com.example.bank.BankApi.asOwnerOf;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.transfersOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transferBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.bank.database.CommitCuttingProxy;
import com.example.bank.database.CommitCuttingProxy.Cut;
import com.example.bank.problem.ProblemType;
import com.example.bank.transfer.QueuedTransfers;
import com.example.bank.transfer.AtMostOnceTransfers;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The connection to the database breaks at COMMIT, for real, through {@link CommitCuttingProxy}. The service
 * cannot tell whether the commit happened; the idempotency key lets it find out without paying twice.
 */
@QuarkusTest
@WithTestResource(CommitCuttingProxy.class)
class AmbiguousCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void disarm() {
        CommitCuttingProxy.arm(Cut.NONE);
    }

    @Test
    void answersFromTheKeyWhenTheLostCommitHappened() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        int cutsBefore = CommitCuttingProxy.cuts();

        CommitCuttingProxy.arm(Cut.AFTER_DATABASE_COMMITS);
        Response response = transfer(from, to, 100, "USD", UUID.randomUUID().toString());

        assertEquals(cutsBefore + 1, CommitCuttingProxy.cuts());
        response.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(List.of(UUID.fromString(response.path("id"))), transfersOf(from));
        assertEquals(900, balanceOf(from));
        assertEquals(100, balanceOf(to));
    }

    /** A lost commit of a batch: every keyed transfer in it is resolved from its key, none pays twice. */
    @Test
    void resolvesEveryTransferOfABatchWhoseCommitWasLost() throws Exception {
        UUID from = openAccount("Batch payer", "USD", 1000);
        UUID to = openAccount("Batch payee", "USD", 0);
        List<Callable<Response>> keyed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = UUID.randomUUID().toString();
            keyed.add(() -> transfer(from, to, 100, "USD", key));
        }
        int cutsBefore = CommitCuttingProxy.cuts();
        ExecutorService clients = Executors.newFixedThreadPool(keyed.size());
        List<Response> answers = new ArrayList<>();
        try {
            // The first transfer's commit goes through; the next one, the queued batch's, is lost.
            CommitCuttingProxy.armAfter(1, Cut.AFTER_DATABASE_COMMITS);
            for (Future<Response> answer : QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, from, keyed)) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdown();
        }

        assertEquals(cutsBefore + 1, CommitCuttingProxy.cuts());
        answers.forEach(answer -> answer.then().statusCode(201));
        assertEquals(3, answers.stream().filter(answer -> "true".equals(answer.header("Idempotent-Replayed"))).count(),
                "the three of the lost batch are answered from their keys");
        assertEquals(4, transfersOf(from).size());
        assertEquals(600, balanceOf(from));
    }

    @Test
    void makesTheTransferWhenTheLostCommitDidNotHappen() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        int cutsBefore = CommitCuttingProxy.cuts();

        CommitCuttingProxy.arm(Cut.BEFORE_COMMIT_REACHES_DATABASE);
        Response response = transfer(from, to, 100, "USD", UUID.randomUUID().toString());

        assertEquals(cutsBefore + 1, CommitCuttingProxy.cuts());
        response.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(List.of(UUID.fromString(response.path("id"))), transfersOf(from));
        assertEquals(900, balanceOf(from));
    }

    /**
     * Without a key the service must not guess: it says the outcome is unknown. (Here the commit did happen.)
     * The warning is written on the transfer's lane thread, and still names the request.
     */
    @Test
    void saysTheOutcomeIsUnknownWithoutAKey() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        List<String> warnedRequestIds = new CopyOnWriteArrayList<>();
        Handler warnings = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && record instanceof ExtLogRecord logged) {
                    warnedRequestIds.add(logged.getMdc("requestId"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger serviceLog = Logger.getLogger(AtMostOnceTransfers.class.getName());
        serviceLog.addHandler(warnings);
        Response response;
        try {
            CommitCuttingProxy.arm(Cut.AFTER_DATABASE_COMMITS);
            response = postTransfer(asOwnerOf(from).header("X-Request-Id", "ambiguous-request-7"),
                    transferBody(from, to, 100, "USD"));
        } finally {
            serviceLog.removeHandler(warnings);
        }

        assertProblem(response, ProblemType.TRANSFER_OUTCOME_UNKNOWN);
        response.then().header("Retry-After", nullValue());
        assertEquals(List.of("ambiguous-request-7"), warnedRequestIds);
        assertEquals(1, transfersOf(from).size());
        assertEquals(900, balanceOf(from));
    }

    @Test
    void keepsServingAfterConnectionsWereCut() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);

        for (int i = 0; i < 20; i++) {
            transfer(from, to, 1, "USD").then().statusCode(201);
        }

        assertEquals(980, balanceOf(from));
    }
}
