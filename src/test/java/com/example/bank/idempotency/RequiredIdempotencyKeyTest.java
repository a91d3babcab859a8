package com.example.bank.idempotency;

import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.bank.BankApi.Snapshot;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RequiredIdempotencyKeyTest.KeyRequired.class)
class RequiredIdempotencyKeyTest {

    public static class KeyRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.idempotency.required", "true");
        }
    }

    @Test
    void refusesATransferWithoutAKeyWhenKeysAreRequired() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        Snapshot before = Snapshot.of(from, to);

        assertProblem(transfer(from, to, 100, "USD"), ProblemType.IDEMPOTENCY_KEY_REQUIRED);

        before.assertUnchanged();
        transfer(from, to, 100, "USD", UUID.randomUUID().toString()).then().statusCode(201);
    }
}
