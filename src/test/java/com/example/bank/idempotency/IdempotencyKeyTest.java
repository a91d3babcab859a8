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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.bank.BankApi.Snapshot;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code Idempotency-Key} on {@code POST /transfers}, over HTTP only, so the packaged jar runs it too. */
@QuarkusTest
class IdempotencyKeyTest {

    /**
     * Also when the rules would now refuse the request (an opening balance of 100: the first transfer emptied
     * the account): the transfer is the key's record, so the re-send is answered from it, not made again.
     */
    @ParameterizedTest
    @ValueSource(longs = { 1000, 100 })
    void answersAReSentRequestWithTheOriginalTransferAndMovesMoneyOnce(long openingBalance) {
        UUID from = openAccount("Payer", "USD", openingBalance);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();

        Response first = transfer(from, to, 100, "USD", key);
        Response second = transfer(from, to, 100, "USD", key);

        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        second.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")));
        assertEquals(first.asString(), second.asString());
        assertEquals(openingBalance - 100, balanceOf(from));
        assertEquals(100, balanceOf(to));
        assertEquals(List.of(UUID.fromString(first.path("id"))), transfersOf(from));
    }

    /** The IETF draft sends the key as a quoted Structured Field string, Stripe unquoted: one key either way. */
    @Test
    void treatsTheQuotedAndUnquotedFormsAsOneKey() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();

        Response unquoted = transfer(from, to, 100, "USD", key);
        Response quoted = transfer(from, to, 100, "USD", "\"" + key + "\"");

        assertEquals(unquoted.<String> path("id"), quoted.path("id"));
        assertEquals(900, balanceOf(from));
    }

    @Test
    void refusesTheSameKeyForADifferentRequest() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        UUID other = openAccount("Other payee", "USD", 0);
        String key = UUID.randomUUID().toString();
        transfer(from, to, 100, "USD", key).then().statusCode(201);
        Snapshot before = Snapshot.of(from, to, other);

        assertProblem(transfer(from, to, 101, "USD", key), ProblemType.IDEMPOTENCY_KEY_REUSED);
        assertProblem(transfer(from, other, 100, "USD", key), ProblemType.IDEMPOTENCY_KEY_REUSED);

        before.assertUnchanged();
    }

    /**
     * A request that reached the rules is recorded with its refusal, as Stripe does: re-sending it with the same
     * key gets the same refusal even after the balance would allow it. A new key makes a new attempt.
     */
    @Test
    void answersAReSentRefusalWithTheOriginalRefusal() {
        UUID from = openAccount("Short", "USD", 50);
        UUID to = openAccount("Payee", "USD", 0);
        UUID funder = openAccount("Funder", "USD", 1000);
        String key = UUID.randomUUID().toString();

        Response refused = transfer(from, to, 100, "USD", key);
        transfer(funder, from, 500, "USD").then().statusCode(201);
        Response resent = transfer(from, to, 100, "USD", key);

        assertProblem(refused, ProblemType.INSUFFICIENT_FUNDS);
        assertProblem(resent, ProblemType.INSUFFICIENT_FUNDS);
        assertEquals(refused.<String> path("detail"), resent.path("detail"));
        assertEquals(550, balanceOf(from));
        transfer(from, to, 100, "USD", UUID.randomUUID().toString()).then().statusCode(201);
    }

    /** A request refused before it ran (validation) does not use up its key: the corrected request may reuse it. */
    @Test
    void letsAKeyBeReusedAfterAValidationError() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        String key = UUID.randomUUID().toString();

        assertProblem(transfer(from, to, 0, "USD", key), ProblemType.VALIDATION_FAILED);
        transfer(from, to, 100, "USD", key).then().statusCode(201).header("Idempotent-Replayed", nullValue());

        assertEquals(900, balanceOf(from));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\"\"", "has space", "é-not-ascii" })
    void refusesAnInvalidKeyAndChangesNothing(String key) {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        Snapshot before = Snapshot.of(from, to);

        assertProblem(transfer(from, to, 100, "USD", key), ProblemType.INVALID_IDEMPOTENCY_KEY);

        before.assertUnchanged();
    }

    @Test
    void acceptsKeysUpTo255CharactersAndNoLonger() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);

        transfer(from, to, 100, "USD", "k".repeat(255)).then().statusCode(201);
        assertProblem(transfer(from, to, 100, "USD", "k".repeat(256)), ProblemType.INVALID_IDEMPOTENCY_KEY);

        assertEquals(900, balanceOf(from));
    }

    @Test
    void keepsWorkingWithoutAKey() {
        UUID from = openAccount("Payer", "USD", 1000);
        UUID to = openAccount("Payee", "USD", 0);
        Map<String, Object> body = transferBody(from, to, 100, "USD");

        postTransfer(asOwnerOf(from), body).then().statusCode(201);
        postTransfer(asOwnerOf(from), body).then().statusCode(201);

        assertEquals(800, balanceOf(from));
    }
}
