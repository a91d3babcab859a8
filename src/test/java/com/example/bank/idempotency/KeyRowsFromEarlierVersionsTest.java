package com.example.bank.idempotency;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transfersOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.bank.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The versions before ledger ids were derived from keys recorded every keyed transfer as a key row naming a
 * random ledger id. Until those rows expire, a re-send of such a key must still be answered from them: found
 * in the key table, not by the ledger id the key names now.
 */
@QuarkusTest
class KeyRowsFromEarlierVersionsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersAKeyRecordedByAnEarlierVersionFromItsKeyRow() throws Exception {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        Response original = transfer(from, to, 100, "USD");
        original.then().statusCode(201);
        recordAsAnEarlierVersionDid(from, to, key, UUID.fromString(original.path("id")));

        Response resent = transfer(from, to, 100, "USD", key);

        resent.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(original.path("id")));
        assertProblem(transfer(from, to, 101, "USD", key), ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertEquals(900, balanceOf(from));
        assertEquals(List.of(UUID.fromString(original.path("id"))), transfersOf(from));
    }

    private void recordAsAnEarlierVersionDid(UUID from, UUID to, String key, UUID transferId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertKeyRowAsAnEarlierVersion(connection, new RecordedAnswer.Id(ownerOf(from), key), from, to, transferId);
        }
    }

    /** The key row an earlier version wrote with a keyed transfer of 100 USD; fails if the key has one already. */
    static void insertKeyRowAsAnEarlierVersion(Connection connection, RecordedAnswer.Id key, UUID from, UUID to,
            UUID transferId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotency_key (subject, "
                + "idempotency_key, from_account_id, to_account_id, amount, currency, transfer_id, created_at) "
                + "VALUES (?, ?, ?, ?, 100, 'USD', ?, now())")) {
            insert.setString(1, key.subject());
            insert.setString(2, key.key());
            insert.setObject(3, from);
            insert.setObject(4, to);
            insert.setObject(5, transferId);
            insert.executeUpdate();
        }
    }
}
