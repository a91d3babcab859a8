package com.example.bank.transfer;

import static com.example.bank.BankApi.asOwnerOf;
import static com.example.bank.BankApi.asTeller;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transferBody;
import static com.example.bank.Traces.childrenOf;
import static com.example.bank.Traces.hasSpanNamed;
import static com.example.bank.Traces.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.example.bank.Traces;
import com.example.bank.Traces.Parent;
import com.example.bank.database.InjectedFailure;
import com.example.bank.database.RetriedTransactions;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * What an operator sees of a transfer in its trace, read from the spans the service exported: the request
 * the gateway started, its wait in the lane, the transaction that carried it (each attempt) and its SQL; and
 * for a shared transaction, the links between it and every request it carried.
 */
@QuarkusTest
@TestProfile(Traces.On.class)
class TracingTest {

    @Inject
    Traces traces;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.jdbc.telemetry.enabled")
    boolean sqlSpans;

    @Test
    void turnsSqlSpansOnWithTracing() {
        assertTrue(sqlSpans);
    }

    @Test
    void followsATransferFromTheGatewaysTraceparentToItsSql() {
        UUID from = openAccount("Traced payer", "USD", 1000);
        UUID to = openAccount("Traced payee", "USD", 0);
        Parent gateway = Traces.newParent();

        send(gateway, from, to, UUID.randomUUID().toString()).then().statusCode(201);

        List<SpanData> spans = traces.await(gateway.traceId(), TracingTest::hasRequestAndTransaction);
        SpanData server = serverSpan(spans);
        assertEquals(gateway.spanId(), server.getParentSpanId(), "the request continues the gateway's trace");
        assertEquals("completed", server.getAttributes().get(TransferSpans.OUTCOME));
        assertEquals(false, server.getAttributes().get(TransferSpans.REPLAYED));

        SpanData queued = named(spans, "transfer.queued");
        SpanData batch = named(spans, "transfer.batch");
        assertEquals(server.getSpanId(), queued.getParentSpanId());
        assertEquals(server.getSpanId(), batch.getParentSpanId(), "a transfer that ran alone: one trace to its SQL");
        assertEquals(1L, batch.getAttributes().get(TransferSpans.BATCH_SIZE));
        assertLinked(queued, batch);

        SpanData attempt = named(spans, "transaction");
        assertEquals(batch.getSpanId(), attempt.getParentSpanId());
        assertEquals(1L, attempt.getAttributes().get(RetriedTransactions.ATTEMPT));
        assertEquals(StatusCode.UNSET, attempt.getStatus().getStatusCode());

        List<String> statements = childrenOf(spans, attempt).stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .map(SpanData::getName).toList();
        assertTrue(statements.stream().anyMatch(name -> name.startsWith("SELECT")), "the row locks: " + statements);
        assertTrue(statements.stream().anyMatch(name -> name.contains("UPDATE")), "the balances: " + statements);
        assertTrue(statements.stream().anyMatch(name -> name.contains("INSERT")), "ledger and key rows: " + statements);
    }

    @Test
    void linksASharedTransactionAndEveryRequestItCarried() throws Exception {
        UUID from = openAccount("Batched payer", "USD", 1000);
        UUID to = openAccount("Batched payee", "USD", 0);
        List<Parent> gateways = new ArrayList<>();
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Parent gateway = Traces.newParent();
            gateways.add(gateway);
            String key = UUID.randomUUID().toString();
            requests.add(() -> send(gateway, from, to, key));
        }
        // The first transfer waits for a row lock held elsewhere; the other three queue behind it and share the
        // lane's next transaction.
        sendWhileTheFirstWaits(from, requests);

        List<SpanData> queuedOfTheBatch = new ArrayList<>();
        for (Parent gateway : gateways.subList(1, gateways.size())) {
            queuedOfTheBatch.add(named(traces.await(gateway.traceId(), TracingTest::hasRequestAndQueue), "transfer.queued"));
        }
        Set<SpanContext> batches = queuedOfTheBatch.stream().flatMap(queued -> queued.getLinks().stream())
                .map(LinkData::getSpanContext).collect(Collectors.toSet());
        assertEquals(1, batches.size(), "the three queued transfers were taken by one transaction");
        SpanContext batchContext = batches.iterator().next();
        SpanData batch = traces.await(batchContext.getTraceId(), spans -> hasSpanNamed(spans, "transaction")).stream()
                .filter(span -> span.getSpanId().equals(batchContext.getSpanId())).findFirst().orElseThrow();

        assertEquals(3L, batch.getAttributes().get(TransferSpans.BATCH_SIZE));
        assertEquals(queuedOfTheBatch.stream().map(SpanData::getSpanContext).collect(Collectors.toSet()),
                batch.getLinks().stream().map(LinkData::getSpanContext).collect(Collectors.toSet()),
                "the transaction links to each request it carried");
        assertTrue(gateways.subList(1, gateways.size()).stream().anyMatch(g -> g.traceId().equals(batchContext.getTraceId())),
                "the transaction sits in the trace of one of its requests");
    }

    @Test
    void tracesAnAccountOpeningsTransactionUnderItsRequest() {
        Parent gateway = Traces.newParent();

        asTeller().header("traceparent", gateway.header()).contentType(ContentType.JSON)
                .body(Map.of("ownerId", "traced-owner", "ownerName", "Traced owner", "currency", "USD", "openingBalance", 10))
                .post("/accounts").then().statusCode(201);

        List<SpanData> spans = traces.await(gateway.traceId(), TracingTest::hasRequestAndTransaction);
        SpanData attempt = named(spans, "transaction");
        assertEquals(serverSpan(spans).getSpanId(), attempt.getParentSpanId());
        assertTrue(childrenOf(spans, attempt).stream().anyMatch(span -> span.getName().startsWith("INSERT")),
                "the account's and its opening deposit's rows");
    }

    /** With sampling, the transaction is kept when any request it carried is: it goes in that one's trace. */
    @Test
    void putsASharedTransactionInTheTraceOfASampledRequest() throws Exception {
        UUID from = openAccount("Sampled payer", "USD", 1000);
        UUID to = openAccount("Sampled payee", "USD", 0);
        Parent sampled = Traces.newParent();
        List<Callable<Response>> requests = new ArrayList<>();
        // The first waits for the row lock alone; two unsampled requests and a sampled one queue behind it.
        for (int i = 0; i < 3; i++) {
            requests.add(() -> send(Traces.newParent().unsampledHeader(), from, to, UUID.randomUUID().toString()));
        }
        requests.add(() -> send(sampled.header(), from, to, UUID.randomUUID().toString()));
        sendWhileTheFirstWaits(from, requests);

        List<SpanData> spans = traces.await(sampled.traceId(), TracingTest::hasRequestAndTransaction);
        SpanData batch = named(spans, "transfer.batch");
        assertEquals(serverSpan(spans).getSpanId(), batch.getParentSpanId());
        assertEquals(3L, batch.getAttributes().get(TransferSpans.BATCH_SIZE));
        assertEquals(3, batch.getLinks().size(), "links to the two unsampled requests too");
    }

    @Test
    void showsBothAttemptsOfATransferRetriedAfterACommitConflict() {
        UUID from = openAccount("Retried payer", "USD", 1000);
        UUID to = openAccount("Retried payee", "USD", 0);
        Parent gateway = Traces.newParent();

        try (InjectedFailure failure = InjectedFailure.serializationFailures(dataSource, from, 1, InjectedFailure.At.COMMIT)) {
            send(gateway, from, to, UUID.randomUUID().toString()).then().statusCode(201);
        }

        List<SpanData> spans = traces.await(gateway.traceId(),
                all -> hasRequestAndTransaction(all) && all.stream().filter(span -> span.getName().equals("transaction")).count() == 2);
        SpanData batch = named(spans, "transfer.batch");
        List<SpanData> attempts = childrenOf(spans, batch).stream().filter(span -> span.getName().equals("transaction"))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
        assertEquals(2, attempts.size());
        SpanData refused = attempts.get(0);
        assertEquals(1L, refused.getAttributes().get(RetriedTransactions.ATTEMPT));
        assertEquals(StatusCode.ERROR, refused.getStatus().getStatusCode());
        assertEquals("40001", refused.getAttributes().get(RetriedTransactions.SQL_STATE));
        assertEquals("conflict", refused.getAttributes().get(RetriedTransactions.FAILURE));
        SpanData committed = attempts.get(1);
        assertEquals(2L, committed.getAttributes().get(RetriedTransactions.ATTEMPT));
        assertEquals(StatusCode.UNSET, committed.getStatus().getStatusCode());
        assertFalse(childrenOf(spans, committed).isEmpty(), "the second attempt's SQL");
    }

    @Test
    void marksAnIdempotentReplayOnTheRequestsSpan() {
        UUID from = openAccount("Replayed payer", "USD", 1000);
        UUID to = openAccount("Replayed payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        send(Traces.newParent(), from, to, key).then().statusCode(201);
        Parent resend = Traces.newParent();

        send(resend, from, to, key).then().statusCode(201);

        SpanData server = serverSpan(traces.await(resend.traceId(), TracingTest::hasRequestAndTransaction));
        assertEquals(true, server.getAttributes().get(TransferSpans.REPLAYED));
        assertEquals(TransferMetrics.OUTCOME_REPLAYED, server.getAttributes().get(TransferSpans.OUTCOME));
    }

    /** Sends them all, the first while a rival holds {@code lockedAccount}'s row (QueuedTransfers); each is made. */
    private void sendWhileTheFirstWaits(UUID lockedAccount, List<Callable<Response>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            for (Future<Response> answer : QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients,
                    lockedAccount, requests)) {
                answer.get(30, TimeUnit.SECONDS).then().statusCode(201);
            }
        } finally {
            clients.shutdown();
        }
    }

    private static Response send(Parent gateway, UUID from, UUID to, String key) {
        return send(gateway.header(), from, to, key);
    }

    private static Response send(String traceparent, UUID from, UUID to, String key) {
        return postTransfer(asOwnerOf(from).header("traceparent", traceparent).header("Idempotency-Key", key),
                transferBody(from, to, 100, "USD"));
    }

    private static SpanData serverSpan(List<SpanData> spans) {
        List<SpanData> servers = spans.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, servers.size(), "one request: " + spans);
        return servers.get(0);
    }

    private static boolean hasRequestAndTransaction(List<SpanData> spans) {
        return spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER) && hasSpanNamed(spans, "transaction");
    }

    private static boolean hasRequestAndQueue(List<SpanData> spans) {
        return spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER) && hasSpanNamed(spans, "transfer.queued");
    }

    /** Each names the other: the wait links to the transaction that took it, the transaction to the wait. */
    private static void assertLinked(SpanData queued, SpanData batch) {
        assertEquals(List.of(batch.getSpanContext()), queued.getLinks().stream().map(LinkData::getSpanContext).toList());
        assertTrue(batch.getLinks().stream().anyMatch(link -> link.getSpanContext().equals(queued.getSpanContext())));
    }
}
