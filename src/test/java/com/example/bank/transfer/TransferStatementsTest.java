package com.example.bank.transfer;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transfersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.bank.Traces;
import com.example.bank.idempotency.KeyedLedgerEntries;
import com.example.bank.idempotency.RecordedAnswer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The statements a transfer's transaction sends, each one a round trip to the database: the round trips, not
 * the SQL, are most of a transfer's cost, and on a hot lane the rate is the batch size over the transaction's
 * round trips. Counted as the database client spans of each {@code transaction} span (one per statement or
 * JDBC batch, whether Hibernate or plain JDBC sent it; the COMMIT is not one). A keyed transfer, what real
 * clients send, must cost no more round trips than a keyless one.
 */
@QuarkusTest
@TestProfile(Traces.On.class)
class TransferStatementsTest {

    @Inject
    Traces traces;

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    private UUID payer;
    private UUID payee;

    @BeforeEach
    void accounts() {
        exporter.reset();
        payer = openAccount("Payer", "USD", 1000);
        payee = openAccount("Payee", "USD", 0);
        statementsOfEachTransaction(2); // the two openings, exported before the test's own
        exporter.reset();
    }

    @Test
    void aTransferLocksItsAccountsInsertsItsLedgerRowAndUpdatesBothBalancesInOneBatch() {
        transfer(payer, payee, 100, "USD").then().statusCode(201);

        List<List<String>> transactions = statementsOfEachTransaction(1);
        assertEquals(3, transactions.get(0).size(),
                "SELECT … FOR UPDATE of both accounts, the ledger row, one UPDATE batch for both balances: " + transactions);
    }

    @Test
    void aKeyedTransferSendsAsManyStatementsAsAKeylessOne() {
        transfer(payer, payee, 100, "USD", UUID.randomUUID().toString()).then().statusCode(201);

        List<List<String>> transactions = statementsOfEachTransaction(1);
        assertEquals(3, transactions.get(0).size(), "the row locks, the ledger row with its key row, the balances: "
                + transactions);
    }

    /**
     * With keys, a batch sends the same number of statements whatever its size: the row locks, then one batch
     * of ledger rows, each with its key row, and one of balance updates. Keys are not looked up first: they are
     * almost always new.
     */
    @Test
    void aKeyedBatchSendsThreeStatementsWhateverItsSize() throws Exception {
        List<Callable<Response>> keyed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keyed.add(() -> transfer(payer, payee, 1, "USD", UUID.randomUUID().toString()));
        }
        sendWhileTheFirstWaits(keyed);

        List<List<String>> transactions = statementsOfEachTransaction(2);
        assertEquals(List.of(3, 3), transactions.stream().map(List::size).toList(),
                "the first transfer alone, then the seven queued behind it: " + transactions);
        assertEquals(8, transfersOf(payer).size());
    }

    /**
     * One statement writes every ledger row of a batch, keyed or not; a keyed transfer's row has the id its key
     * names, and nothing else is written for the key.
     */
    @Test
    void aBatchOfKeyedAndKeylessTransfersNamesTheKeyedOnesLedgerRowsByTheirKeys() throws Exception {
        List<RecordedAnswer.Id> keys = new ArrayList<>();
        List<Callable<Response>> mixed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) {
                String key = UUID.randomUUID().toString();
                keys.add(new RecordedAnswer.Id(ownerOf(payer), key));
                mixed.add(() -> transfer(payer, payee, 1, "USD", key));
            } else {
                mixed.add(() -> transfer(payer, payee, 1, "USD"));
            }
        }
        sendWhileTheFirstWaits(mixed);

        assertEquals(List.of(3, 3), statementsOfEachTransaction(2).stream().map(List::size).toList());
        List<UUID> entries = transfersOf(payer);
        assertEquals(6, entries.size());
        try (Connection connection = dataSource.getConnection()) {
            Map<RecordedAnswer.Id, UUID> keyed = KeyedLedgerEntries.of(connection, keys);
            assertEquals(Set.copyOf(keys), keyed.keySet(), "a ledger row named by each key");
            assertTrue(entries.containsAll(keyed.values()), "each among the payer's transfers: " + keyed);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT count(*) FROM idempotency_key WHERE idempotency_key = ANY (?)")) {
                query.setArray(1, connection.createArrayOf("varchar", keys.stream().map(RecordedAnswer.Id::key).toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertEquals(0, rows.getInt(1), "key rows written for transfers that were made");
                }
            }
        }
    }

    /**
     * A re-sent key pays for the optimism: the first attempt fails on the ledger's primary key (row locks, then
     * the ledger row the key names); the second looks the batch's keys up and answers from the ledger (row locks,
     * the key table, which holds refusals, then the ledger rows the other keys name).
     */
    @Test
    void aReSentKeyIsLookedUpOnceItsClaimFails() {
        String key = UUID.randomUUID().toString();
        transfer(payer, payee, 1, "USD", key).then().statusCode(201);
        statementsOfEachTransaction(1);
        exporter.reset();

        transfer(payer, payee, 1, "USD", key).then().statusCode(201).header(TransferResource.REPLAYED_HEADER, "true");

        List<List<String>> transactions = statementsOfEachTransaction(2);
        assertEquals(List.of(2, 3), transactions.stream().map(List::size).toList(),
                "the failed claim, then the replay: " + transactions);
    }

    /** The first request alone, the others queued behind it into the lane's next transaction; all answered 201. */
    private void sendWhileTheFirstWaits(List<Callable<Response>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            for (Future<Response> response : QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer, requests)) {
                assertEquals(201, response.get(30, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** The names of the statements of each transaction exported so far, oldest transaction first. */
    private List<List<String>> statementsOfEachTransaction(int expectedTransactions) {
        List<SpanData> attempts = Awaitility.await(expectedTransactions + " transactions exported")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> transactions(traces.all()), found -> found.size() >= expectedTransactions);
        assertEquals(expectedTransactions, attempts.size(), "transactions");
        List<SpanData> spans = traces.all();
        return attempts.stream().map(attempt -> Traces.childrenOf(spans, attempt).stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .map(SpanData::getName).toList()).toList();
    }

    private static List<SpanData> transactions(List<SpanData> spans) {
        return spans.stream().filter(span -> span.getName().equals("transaction"))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }
}
