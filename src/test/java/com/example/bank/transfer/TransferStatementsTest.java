package com.example.bank.transfer;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The statements a transfer sends, each one a round trip to the database: the round trips, not the SQL,
 * are most of a transfer's cost. Counted by Hibernate's statistics (on in the test profile), which count one
 * prepared statement per JDBC batch.
 */
@QuarkusTest
class TransferStatementsTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aTransferLocksItsAccountsUpdatesBothBalancesInOneBatchAndInsertsItsLedgerRow() {
        UUID payer = openAccount("Payer", "USD", 1000);
        UUID payee = openAccount("Payee", "USD", 0);
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();

        transfer(payer, payee, 100, "USD").then().statusCode(201);

        assertEquals(3, statistics.getPrepareStatementCount(),
                "SELECT … FOR UPDATE of both accounts, one UPDATE batch for both balances, one INSERT");
        assertEquals(2, statistics.getEntityUpdateCount());
        assertEquals(1, statistics.getEntityInsertCount());
        assertEquals(1, statistics.getTransactionCount());
    }

    /**
     * With keys, a batch sends the same number of statements whatever its size: the row locks, then one batch
     * each of balance updates, ledger rows and key rows. Keys are not looked up first: they are almost always new.
     */
    /**
     * A re-sent key pays for the optimism: the first attempt fails on the key's primary key (row locks, ledger
     * row, key row: Hibernate sends inserts before updates); the second looks the batch's keys up and answers
     * from the recorded one (row locks, lookup, the transfer).
     */
    @Test
    void aReSentKeyIsLookedUpOnceItsClaimFails() {
        UUID payer = openAccount("Re-sending payer", "USD", 1000);
        UUID payee = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        transfer(payer, payee, 1, "USD", key).then().statusCode(201);
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();

        transfer(payer, payee, 1, "USD", key).then().statusCode(201).header(TransferResource.REPLAYED_HEADER, "true");

        assertEquals(2, statistics.getTransactionCount(), "the failed claim, then the replay");
        assertEquals(6, statistics.getPrepareStatementCount());
    }

    @Test
    void aKeyedBatchSendsFourStatementsWhateverItsSize() throws Exception {
        UUID payer = openAccount("Keyed payer", "USD", 1000);
        UUID payee = openAccount("Keyed payee", "USD", 0);
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();

        transfer(payer, payee, 1, "USD", UUID.randomUUID().toString()).then().statusCode(201);

        assertEquals(4, statistics.getPrepareStatementCount(), "one keyed transfer alone");

        statistics.clear();
        List<Callable<Response>> keyed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keyed.add(() -> transfer(payer, payee, 1, "USD", UUID.randomUUID().toString()));
        }
        ExecutorService clients = Executors.newFixedThreadPool(keyed.size());
        try {
            for (Future<Response> response : QueuedTransfers.sendWhileTheFirstWaits(dataSource, registry, clients, payer, keyed)) {
                assertEquals(201, response.get(30, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(2, statistics.getTransactionCount(), "the first transfer alone, then the seven queued behind it");
        assertEquals(8, statistics.getPrepareStatementCount(), "four statements per transaction");
        assertEquals(16, statistics.getEntityInsertCount(), "eight ledger rows and eight keys");
    }
}
