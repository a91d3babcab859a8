package com.example.bank.transfer;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
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
}
