package com.example.bank.idempotency;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * While instances of a version that found keys in the key table only still run (a rolling upgrade,
 * {@code BANK_IDEMPOTENCY_KEY_ROWS=true}): every rule of {@link IdempotencyKeyTest} holds, and each keyed
 * transfer also has the key row such an instance looks for, so that a re-send routed to it is refused there
 * instead of paid again.
 */
@QuarkusTest
@TestProfile(KeyRowsDuringARollingUpgradeTest.WritingKeyRows.class)
class KeyRowsDuringARollingUpgradeTest extends IdempotencyKeyTest {

    public static class WritingKeyRows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.idempotency.key-rows", "true");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void writesTheKeyRowThatAnEarlierVersionWouldCollideWith() throws SQLException {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();

        Response made = transfer(from, to, 100, "USD", key);

        made.then().statusCode(201);
        RecordedAnswer.Id id = new RecordedAnswer.Id(ownerOf(from), key);
        assertEquals(id.ledgerEntryId().toString(), made.path("id"));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transfer_id FROM idempotency_key WHERE subject = ? AND idempotency_key = ?")) {
                query.setString(1, id.subject());
                query.setString(2, id.key());
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next(), "no key row for the keyed transfer");
                    assertEquals(id.ledgerEntryId(), row.getObject(1, UUID.class));
                }
            }
            // What an earlier version's instance writes for a re-send of this key: its key row, refused.
            SQLException refused = assertThrows(SQLException.class, () -> KeyRowsFromEarlierVersionsTest
                    .insertKeyRowAsAnEarlierVersion(connection, id, from, to, UUID.randomUUID()));
            assertEquals("23505", refused.getSQLState());
        }
    }
}
