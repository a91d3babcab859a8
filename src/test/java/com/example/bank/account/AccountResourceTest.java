package com.example.bank.account;

import static com.example.bank.BankApi.accountIdsSeenBy;
import static com.example.bank.BankApi.allAccountIds;
import static com.example.bank.BankApi.asCustomer;
import static com.example.bank.BankApi.asTeller;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.pages;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.bank.BankApi;
import com.example.bank.BankApi.Snapshot;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AccountResourceTest {

    @Test
    void aTellerOpensAnAccountForItsOwnerWithAnOpeningDepositInTheLedger() {
        Response response = asTeller().contentType(ContentType.JSON)
                .body("{\"ownerId\": \"alice-7\", \"ownerName\": \"Alice\", \"currency\": \"USD\", \"openingBalance\": 1000}")
                .post("/accounts");

        response.then().statusCode(201)
                .body("id", notNullValue())
                .body("ownerId", equalTo("alice-7"))
                .body("ownerName", equalTo("Alice"))
                .body("currency", equalTo("USD"))
                .body("balance", equalTo(1000))
                .body("createdAt", notNullValue());
        String id = response.path("id");
        response.then().header("Location", endsWith("/accounts/" + id));
        asCustomer("alice-7").get("/accounts/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("ownerName", equalTo("Alice"))
                .body("balance", equalTo(1000))
                .body("createdAt", equalTo(response.<String> path("createdAt")));
        asCustomer("alice-7").get("/accounts/{id}/transfers", id).then().statusCode(200)
                .body("items.kind", contains("deposit"))
                .body("items[0].amount", equalTo(1000))
                .body("items[0].toAccountId", equalTo(id))
                .body("items[0].fromAccountId", nullValue())
                .body("items[0].initiatedBy", equalTo(BankApi.TELLER));
    }

    @Test
    void aCustomerOpensAnEmptyAccountForItself() {
        Response response = asCustomer("carol").contentType(ContentType.JSON)
                .body("{\"ownerName\": \"Carol\", \"currency\": \"EUR\"}")
                .post("/accounts");

        response.then().statusCode(201)
                .body("ownerId", equalTo("carol"))
                .body("balance", equalTo(0));
        asCustomer("carol").get("/accounts/{id}/transfers", response.<String> path("id")).then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void aCustomerCannotOpenAnAccountWithMoneyOrForSomeoneElse() {
        int accountsBefore = allAccountIds().size();

        Response withMoney = asCustomer("mallory").contentType(ContentType.JSON)
                .body("{\"ownerName\": \"M\", \"currency\": \"USD\", \"openingBalance\": 1}").post("/accounts");
        Response forSomeoneElse = asCustomer("mallory").contentType(ContentType.JSON)
                .body("{\"ownerId\": \"alice\", \"ownerName\": \"A\", \"currency\": \"USD\"}").post("/accounts");

        assertProblem(withMoney, ProblemType.FORBIDDEN);
        assertProblem(forSomeoneElse, ProblemType.FORBIDDEN);
        assertEquals(accountsBefore, allAccountIds().size());
    }

    @Test
    void aTellerMustNameTheOwner() {
        assertProblem(asTeller().contentType(ContentType.JSON)
                .body("{\"ownerName\": \"Nobody\", \"currency\": \"USD\", \"openingBalance\": 5}").post("/accounts"),
                ProblemType.VALIDATION_FAILED);
    }

    @Test
    void aTellerDepositsAndTheLedgerRecordsWhoDid() {
        UUID account = openAccount("dave", "USD", 0);

        Response deposit = asTeller().contentType(ContentType.JSON).body(Map.of("amount", 250, "currency", "USD"))
                .post("/accounts/{id}/deposits", account);

        deposit.then().statusCode(201)
                .body("kind", equalTo("deposit"))
                .body("toAccountId", equalTo(account.toString()))
                .body("amount", equalTo(250))
                .body("initiatedBy", equalTo(BankApi.TELLER))
                .header("Location", endsWith("/transfers/" + deposit.<String> path("id")));
        assertEquals(250, BankApi.balanceOf(account));
        asCustomer("dave").get("/transfers/{id}", deposit.<String> path("id")).then().statusCode(200);
    }

    @Test
    void refusesADepositThatIsNotForTheAccount() {
        UUID account = openAccount("erin", "USD", Long.MAX_VALUE - 1);
        Snapshot before = Snapshot.of(account);

        assertProblem(deposit(asTeller(), account, 10, "EUR"), ProblemType.CURRENCY_MISMATCH);
        assertProblem(deposit(asTeller(), account, 2, "USD"), ProblemType.BALANCE_OVERFLOW);
        assertProblem(deposit(asTeller(), account, 0, "USD"), ProblemType.VALIDATION_FAILED);
        assertProblem(deposit(asTeller(), UUID.randomUUID(), 1, "USD"), ProblemType.ACCOUNT_NOT_FOUND);
        assertProblem(deposit(asCustomer("erin"), account, 1, "USD"), ProblemType.FORBIDDEN);

        before.assertUnchanged();
    }

    private static Response deposit(RequestSpecification caller, UUID account, long amount, String currency) {
        return given().spec(caller).contentType(ContentType.JSON).body(Map.of("amount", amount, "currency", currency))
                .post("/accounts/{id}/deposits", account);
    }

    @Test
    void aCustomerListsOnlyItsOwnAccounts() {
        UUID first = openAccount("frank", "USD", 1);
        openAccount("grace", "USD", 1);
        UUID second = openAccount("frank", "EUR", 2);

        assertEquals(List.of(first, second), accountIdsSeenBy(asCustomer("frank")));
        assertTrue(allAccountIds().containsAll(List.of(first, second)), "a teller sees every account");
    }

    @Test
    void holdsTheLargestBalanceExactly() {
        UUID id = openAccount("Whale", "JPY", Long.MAX_VALUE);

        String body = asTeller().get("/accounts/{id}", id).then().statusCode(200).extract().asString();

        assertTrue(body.contains("\"balance\":9223372036854775807"), body);
    }

    @Test
    void answersNotFoundForAnUnknownAccount() {
        UUID unknown = UUID.randomUUID();

        Response response = asTeller().get("/accounts/{id}", unknown);

        assertProblem(response, ProblemType.ACCOUNT_NOT_FOUND);
        response.then().body("detail", equalTo("No account has id " + unknown + "."))
                .body("instance", equalTo("/accounts/" + unknown));
    }

    @Test
    void answersNotFoundForAnIdThatIsNotAUuid() {
        asTeller().get("/accounts/{id}", "not-a-uuid").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listsAccountsInPagesOldestFirst() {
        List<UUID> opened = List.of(openAccount("P1", "USD", 1), openAccount("P2", "USD", 2), openAccount("P3", "USD", 3));

        List<UUID> all = allAccountIds();

        assertEquals(all.size(), new HashSet<>(all).size(), "an account appeared on two pages");
        assertEquals(opened, all.subList(all.size() - 3, all.size()));
        List<JsonPath> pagesOfTwo = pages(asTeller(), "/accounts", 2);
        assertEquals((all.size() + 1) / 2, pagesOfTwo.size());
        assertEquals(all, pagesOfTwo.stream().flatMap(page -> page.getList("items.id", String.class).stream())
                .map(UUID::fromString).toList());
        JsonPath last = pagesOfTwo.get(pagesOfTwo.size() - 1);
        assertEquals(2, last.getInt("size"));
        assertNull(last.getString("next"));
    }

    @Test
    void rejectsPagesOutOfRange() {
        Response response = asTeller().queryParam("size", 1000).get("/accounts");

        assertProblem(response, ProblemType.VALIDATION_FAILED);
        response.then().body("violations.field", contains("size"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-cursor", "MTIzNDU", "MTcwMC4wfm5vdC1hLXV1aWQ", "%%%" })
    void rejectsACursorItDidNotGive(String after) {
        assertProblem(asTeller().queryParam("after", after).get("/accounts"), ProblemType.INVALID_CURSOR);
    }

    static Stream<Arguments> invalidAccounts() {
        return Stream.of(
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \" \", \"currency\": \"USD\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"" + "x".repeat(201) + "\", \"currency\": \"USD\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"usd\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"XYZ\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": -1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"" + "o".repeat(256) + "\", \"ownerName\": \"A\", \"currency\": \"USD\"}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 10.5}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 1e400}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 99999999999999999999}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 1, \"balance\": 5}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\"", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerId\": \"o\", \"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 1, \"ownerId\": \"p\"}", ProblemType.MALFORMED_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("invalidAccounts")
    void rejectsAnInvalidAccountAndOpensNothing(String body, ProblemType expected) {
        int accountsBefore = allAccountIds().size();

        Response response = asTeller().contentType(ContentType.JSON).body(body).post("/accounts");

        assertProblem(response, expected);
        assertEquals(accountsBefore, allAccountIds().size());
    }
}
