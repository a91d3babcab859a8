package com.example.bank.transfer;

import static com.example.bank.BankApi.asCustomer;
import static com.example.bank.BankApi.asOwnerOf;
import static com.example.bank.BankApi.asTeller;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.historyOf;
import static com.example.bank.BankApi.transfersOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transfer;
import static com.example.bank.BankApi.transferBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.bank.BankApi.Snapshot;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class TransferResourceTest {

    /** The CockroachDB "bank" tutorial's flow: 1000 and 250, move 100, see 900 and 350. */
    @Test
    void movesMoneyAndRecordsItInBothLedgers() {
        UUID alice = openAccount("Alice", "USD", 1000);
        UUID bob = openAccount("Bob", "USD", 250);

        Response response = transfer(alice, bob, 100, "USD");

        response.then().statusCode(201)
                .body("id", notNullValue())
                .body("fromAccountId", equalTo(alice.toString()))
                .body("toAccountId", equalTo(bob.toString()))
                .body("amount", equalTo(100))
                .body("currency", equalTo("USD"))
                .body("createdAt", notNullValue());
        String id = response.path("id");
        response.then().header("Location", endsWith("/transfers/" + id));
        assertEquals(900, balanceOf(alice));
        assertEquals(350, balanceOf(bob));
        response.then().body("kind", equalTo("transfer")).body("initiatedBy", equalTo("Alice"));
        assertEquals(List.of(UUID.fromString(id)), transfersOf(alice));
        assertEquals(List.of(UUID.fromString(id)), transfersOf(bob));
        assertEquals(UUID.fromString(id), historyOf(alice).get(0), "newest first, above the opening deposit");
        for (String party : List.of("Alice", "Bob")) {
            asCustomer(party).get("/transfers/{id}", id).then().statusCode(200)
                    .body("amount", equalTo(100))
                    .body("fromAccountId", equalTo(alice.toString()))
                    .body("createdAt", equalTo(response.<String> path("createdAt")));
        }
    }

    @Test
    void movesTheWholeBalance() {
        UUID from = openAccount("All in", "EUR", 75);
        UUID to = openAccount("Receiver", "EUR", 0);

        transfer(from, to, 75, "EUR").then().statusCode(201);

        assertEquals(0, balanceOf(from));
        assertEquals(75, balanceOf(to));
    }

    @Test
    void listsAnAccountsTransfersNewestFirstInPages() {
        UUID a = openAccount("Pager", "USD", 1000);
        UUID b = openAccount("Other", "USD", 1000);
        String first = transfer(a, b, 1, "USD").path("id");
        String second = transfer(b, a, 2, "USD").path("id");
        String third = transfer(a, b, 3, "USD").path("id");

        String next = asOwnerOf(a).queryParam("size", 2).get("/accounts/{id}/transfers", a).then().statusCode(200)
                .body("items.id", contains(third, second))
                .body("items.amount", contains(3, 2))
                .body("size", equalTo(2))
                .body("next", notNullValue())
                .extract().path("next");
        // A transfer made meanwhile is newer than the cursor: it neither shifts nor repeats the next page.
        transfer(a, b, 4, "USD").then().statusCode(201);
        asOwnerOf(a).queryParam("size", 2).queryParam("after", next).get("/accounts/{id}/transfers", a).then().statusCode(200)
                .body("items[0].id", equalTo(first))
                .body("items.kind", contains("transfer", "deposit"))
                .body("next", nullValue());
    }

    @Test
    void rejectsATransferLargerThanTheBalance() {
        UUID from = openAccount("Poor", "USD", 100);
        UUID to = openAccount("Rich", "USD", 0);
        Snapshot before = Snapshot.of(from, to);

        assertProblem(transfer(from, to, 101, "USD"), ProblemType.INSUFFICIENT_FUNDS);

        before.assertUnchanged();
    }

    @Test
    void rejectsATransferToTheSameAccount() {
        UUID account = openAccount("Self", "USD", 100);
        Snapshot before = Snapshot.of(account);

        assertProblem(transfer(account, account, 10, "USD"), ProblemType.SAME_ACCOUNT);

        before.assertUnchanged();
    }

    @Test
    void rejectsATransferBetweenCurrencies() {
        UUID dollars = openAccount("Dollars", "USD", 100);
        UUID euros = openAccount("Euros", "EUR", 100);
        UUID moreDollars = openAccount("More dollars", "USD", 100);
        Snapshot before = Snapshot.of(dollars, euros, moreDollars);

        assertProblem(transfer(dollars, euros, 10, "USD"), ProblemType.CURRENCY_MISMATCH);
        assertProblem(transfer(dollars, moreDollars, 10, "EUR"), ProblemType.CURRENCY_MISMATCH);

        before.assertUnchanged();
    }

    @Test
    void rejectsATransferThatWouldOverflowTheDestination() {
        UUID from = openAccount("Sender", "USD", 10);
        UUID full = openAccount("Full", "USD", Long.MAX_VALUE);
        Snapshot before = Snapshot.of(from, full);

        assertProblem(transfer(from, full, 1, "USD"), ProblemType.BALANCE_OVERFLOW);

        before.assertUnchanged();
    }

    @Test
    void rejectsUnknownAccounts() {
        UUID known = openAccount("Known", "USD", 100);
        UUID unknown = UUID.randomUUID();
        Snapshot before = Snapshot.of(known);

        Response fromUnknown = postTransfer(asOwnerOf(known), transferBody(unknown, known, 10, "USD"));
        Response toUnknown = transfer(known, unknown, 10, "USD");

        assertProblem(fromUnknown, ProblemType.ACCOUNT_NOT_FOUND);
        fromUnknown.then().body("detail", equalTo("No account has id " + unknown + "."));
        assertProblem(toUnknown, ProblemType.ACCOUNT_NOT_FOUND);
        before.assertUnchanged();
    }

    @Test
    void answersNotFoundForAnUnknownTransfer() {
        assertProblem(asTeller().get("/transfers/{id}", UUID.randomUUID()), ProblemType.TRANSFER_NOT_FOUND);
    }

    @Test
    void answersNotFoundForTheHistoryOfAnUnknownAccount() {
        assertProblem(asTeller().get("/accounts/{id}/transfers", UUID.randomUUID()), ProblemType.ACCOUNT_NOT_FOUND);
    }

    static Stream<Arguments> invalidTransfers() {
        return Stream.of(
                Arguments.of("zero amount", Map.of("amount", 0), "amount"),
                Arguments.of("negative amount", Map.of("amount", -5), "amount"),
                Arguments.of("lower-case currency", Map.of("currency", "usd"), "currency"),
                Arguments.of("unknown currency", Map.of("currency", "XYZ"), "currency"),
                Arguments.of("no currency", Map.of("currency", "XXX"), "currency"),
                Arguments.of("the testing code", Map.of("currency", "XTS"), "currency"),
                Arguments.of("gold", Map.of("currency", "XAU"), "currency"),
                Arguments.of("a withdrawn currency", Map.of("currency", "DEM"), "currency"),
                Arguments.of("a currency withdrawn since 2021 that the JDK still lists", Map.of("currency", "SLL"), "currency"),
                Arguments.of("the lev, replaced by the euro in 2026", Map.of("currency", "BGN"), "currency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTransfers")
    void rejectsInvalidValuesWithTheFieldNamed(String name, Map<String, Object> override, String field) {
        UUID from = openAccount("From", "USD", 100);
        UUID to = openAccount("To", "USD", 100);
        Snapshot before = Snapshot.of(from, to);
        Map<String, Object> body = transferBody(from, to, 10, "USD");
        body.putAll(override);

        Response response = postTransfer(asOwnerOf(from), body);

        assertProblem(response, ProblemType.VALIDATION_FAILED);
        response.then().body("violations.field", contains(field));
        before.assertUnchanged();
    }

    @Test
    void namesEveryMissingField() {
        Response response = postTransfer(asCustomer("Anyone"), Map.of());

        assertProblem(response, ProblemType.VALIDATION_FAILED);
        response.then().body("violations.field", contains("amount", "currency", "fromAccountId", "toAccountId"));
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("fractional amount", "{%s, \"amount\": 1.5, \"currency\": \"USD\"}", "Field 'amount' must be an integer."),
                Arguments.of("amount as a string", "{%s, \"amount\": \"10\", \"currency\": \"USD\"}", "Field 'amount' must be an integer."),
                Arguments.of("amount in exponent notation", "{%s, \"amount\": 1e1, \"currency\": \"USD\"}", "Field 'amount' must be an integer."),
                Arguments.of("amount beyond a long", "{%s, \"amount\": 9223372036854775808, \"currency\": \"USD\"}", null),
                Arguments.of("huge amount", "{%s, \"amount\": 1" + "0".repeat(400) + ", \"currency\": \"USD\"}", null),
                Arguments.of("unknown field", "{%s, \"amount\": 10, \"currency\": \"USD\", \"memo\": \"hi\"}", "Unknown field 'memo'."),
                Arguments.of("account id not a UUID", "{\"fromAccountId\": \"alice\", \"toAccountId\": \"bob\", \"amount\": 10, \"currency\": \"USD\"}", null),
                Arguments.of("not JSON", "{%s, amount: 10", null),
                Arguments.of("an array", "[{%s, \"amount\": 10, \"currency\": \"USD\"}]", "The body must be exactly one JSON object."),
                Arguments.of("two objects", "{%s, \"amount\": 10, \"currency\": \"USD\"} {}", "The body must be exactly one JSON object."),
                Arguments.of("a field twice", "{%s, \"amount\": 1, \"currency\": \"USD\", \"amount\": -5}", "Field 'amount' appears more than once."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void rejectsBodiesThatAreNotATransfer(String name, String template, String detail) {
        UUID from = openAccount("From", "USD", 100);
        UUID to = openAccount("To", "USD", 100);
        Snapshot before = Snapshot.of(from, to);
        String accounts = "\"fromAccountId\": \"" + from + "\", \"toAccountId\": \"" + to + "\"";

        Response response = postTransfer(asOwnerOf(from), template.replace("%s", accounts));

        assertProblem(response, ProblemType.MALFORMED_REQUEST);
        if (detail != null) {
            response.then().body("detail", equalTo(detail));
        }
        before.assertUnchanged();
    }

    /** Decoded, these paths are not valid URIs; the answer is still a problem document, not a stack trace. */
    @ParameterizedTest
    @ValueSource(strings = { "/accounts/%20", "/transfers/%7B%7D", "/accounts/%20/transfers" })
    void answersAProblemForPercentEncodedIds(String path) {
        asTeller().urlEncodingEnabled(false).get(path).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo(path));
        given().urlEncodingEnabled(false).get(path).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsAnotherMediaType() {
        UUID from = openAccount("From", "USD", 100);
        UUID to = openAccount("To", "USD", 100);
        Snapshot before = Snapshot.of(from, to);

        asOwnerOf(from).contentType(ContentType.TEXT).body("from=" + from + "&to=" + to + "&amount=10").post("/transfers")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));

        before.assertUnchanged();
    }
}
