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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.bank.Traces;
import com.example.bank.Traces.Parent;
import com.example.bank.database.CommitCuttingProxy;
import com.example.bank.database.CommitCuttingProxy.Cut;
import com.example.bank.database.RetriedTransactions;
import com.example.bank.problem.ProblemType;
import com.example.bank.transfer.QueuedTransfers;
import com.example.bank.transfer.AtMostOnceTransfers;
import com.example.bank.transfer.TransferSpans;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The connection to the database breaks at COMMIT, for real, through {@link CommitCuttingProxy}. The service
 * cannot tell whether the commit happened; the idempotency key lets it find out without paying twice.
 */
@QuarkusTest
@WithTestResource(CommitCuttingProxy.class)
@TestProfile(Traces.On.class)
class AmbiguousCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Traces traces;

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

    /**
     * The trace says what happened: the attempt whose commit was lost, the request run again in its own trace,
     * and the request's span marked as resolved from its key. The lane's log line carries the request's trace.
     */
    @Test
    void tracesTheResolutionInTheRequestsTrace() {
        UUID from = openAccount("Traced payer", "USD", 1000);
        UUID to = openAccount("Traced payee", "USD", 0);
        Parent gateway = Traces.newParent();
        List<String> loggedTraceIds = new CopyOnWriteArrayList<>();
        Handler resolutions = handler(record -> loggedTraceIds.add(record.getMdc("traceId")), Level.INFO);
        Logger serviceLog = Logger.getLogger(AtMostOnceTransfers.class.getName());
        serviceLog.addHandler(resolutions);
        try {
            CommitCuttingProxy.arm(Cut.AFTER_DATABASE_COMMITS);
            postTransfer(asOwnerOf(from).header("traceparent", gateway.header())
                    .header("Idempotency-Key", UUID.randomUUID().toString()), transferBody(from, to, 100, "USD"))
                    .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        } finally {
            serviceLog.removeHandler(resolutions);
        }

        List<SpanData> spans = traces.await(gateway.traceId(), all -> all.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        SpanData server = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals(1L, server.getAttributes().get(TransferSpans.AMBIGUOUS_COMMIT_RESOLUTIONS));
        assertEquals(true, server.getAttributes().get(TransferSpans.REPLAYED));
        List<SpanData> attempts = spans.stream().filter(span -> span.getName().equals("transaction"))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        // The lost commit; the run again, whose claim of the key finds it taken (the commit had happened); that
        // run's retry, which reads the recorded answer.
        assertEquals(3, attempts.size(), attempts::toString);
        assertEquals("ambiguous_commit", attempts.get(0).getAttributes().get(RetriedTransactions.FAILURE));
        assertEquals(StatusCode.ERROR, attempts.get(0).getStatus().getStatusCode());
        assertEquals("conflict", attempts.get(1).getAttributes().get(RetriedTransactions.FAILURE));
        assertEquals("23505", attempts.get(1).getAttributes().get(RetriedTransactions.SQL_STATE));
        assertEquals(2L, attempts.get(2).getAttributes().get(RetriedTransactions.ATTEMPT));
        assertEquals(StatusCode.UNSET, attempts.get(2).getStatus().getStatusCode());
        assertEquals(2, spans.stream().filter(span -> span.getName().equals("transfer.queued")).count());
        assertEquals(List.of(gateway.traceId()), loggedTraceIds);
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
        Handler warnings = handler(record -> warnedRequestIds.add(record.getMdc("requestId")), Level.WARNING);
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

    /** Hands the records at {@code level} or above to {@code logged}. */
    private static Handler handler(Consumer<ExtLogRecord> logged, Level level) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= level.intValue() && record instanceof ExtLogRecord extended) {
                    logged.accept(extended);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
