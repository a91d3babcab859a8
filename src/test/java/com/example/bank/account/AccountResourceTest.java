package com.example.bank.account;

import static com.example.bank.BankApi.allAccountIds;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.openAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class AccountResourceTest {

    @Test
    void opensAnAccountWithAnOpeningBalance() {
        Response response = given().contentType(ContentType.JSON)
                .body("{\"ownerName\": \"Alice\", \"currency\": \"USD\", \"openingBalance\": 1000}")
                .post("/accounts");

        response.then().statusCode(201)
                .body("id", notNullValue())
                .body("ownerName", equalTo("Alice"))
                .body("currency", equalTo("USD"))
                .body("balance", equalTo(1000))
                .body("createdAt", notNullValue());
        String id = response.path("id");
        response.then().header("Location", endsWith("/accounts/" + id));
        given().get("/accounts/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("ownerName", equalTo("Alice"))
                .body("balance", equalTo(1000))
                .body("createdAt", equalTo(response.<String> path("createdAt")));
    }

    @Test
    void holdsTheLargestBalanceExactly() {
        UUID id = openAccount("Whale", "JPY", Long.MAX_VALUE);

        String body = given().get("/accounts/{id}", id).then().statusCode(200).extract().asString();

        assertTrue(body.contains("\"balance\":9223372036854775807"), body);
    }

    @Test
    void answersNotFoundForAnUnknownAccount() {
        UUID unknown = UUID.randomUUID();

        Response response = given().get("/accounts/{id}", unknown);

        assertProblem(response, ProblemType.ACCOUNT_NOT_FOUND);
        response.then().body("detail", equalTo("No account has id " + unknown + "."))
                .body("instance", equalTo("/accounts/" + unknown));
    }

    @Test
    void answersNotFoundForAnIdThatIsNotAUuid() {
        given().get("/accounts/{id}", "not-a-uuid").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listsAccountsInPagesOldestFirst() {
        List<UUID> opened = List.of(openAccount("P1", "USD", 1), openAccount("P2", "USD", 2), openAccount("P3", "USD", 3));

        List<UUID> all = allAccountIds();

        assertEquals(all.size(), new HashSet<>(all).size(), "an account appeared on two pages");
        assertEquals(opened, all.subList(all.size() - 3, all.size()));
        int lastPage = (all.size() - 1) / 2;
        given().queryParam("page", lastPage).queryParam("size", 2).get("/accounts").then().statusCode(200)
                .body("page", equalTo(lastPage))
                .body("size", equalTo(2))
                .body("hasNext", equalTo(false))
                .body("items.id", contains(all.subList(lastPage * 2, all.size()).stream().map(UUID::toString).toArray()));
    }

    @Test
    void rejectsPagesOutOfRange() {
        Response response = given().queryParam("page", -1).queryParam("size", 1000).get("/accounts");

        assertProblem(response, ProblemType.VALIDATION_FAILED);
        response.then().body("violations.field", contains("page", "size"));
    }

    static Stream<Arguments> invalidAccounts() {
        return Stream.of(
                Arguments.of("{\"ownerName\": \" \", \"currency\": \"USD\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"" + "x".repeat(201) + "\", \"currency\": \"USD\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"usd\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"XYZ\", \"openingBalance\": 1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": -1}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\"}", ProblemType.VALIDATION_FAILED),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 10.5}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 1e400}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 99999999999999999999}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerName\": \"A\", \"currency\": \"USD\", \"openingBalance\": 1, \"balance\": 5}", ProblemType.MALFORMED_REQUEST),
                Arguments.of("{\"ownerName\": \"A\"", ProblemType.MALFORMED_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("invalidAccounts")
    void rejectsAnInvalidAccountAndOpensNothing(String body, ProblemType expected) {
        int accountsBefore = allAccountIds().size();

        Response response = given().contentType(ContentType.JSON).body(body).post("/accounts");

        assertProblem(response, expected);
        assertEquals(accountsBefore, allAccountIds().size());
    }
}
