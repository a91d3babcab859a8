package com.example.bank;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.bank.problem.ProblemType;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The service's REST API as the tests use it. Everything goes over HTTP, so the same tests run against
 * {@code @QuarkusTest} and against the packaged jar in {@code @QuarkusIntegrationTest}.
 */
public final class BankApi {

    private BankApi() {
    }

    public static UUID openAccount(String ownerName, String currency, long openingBalance) {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("ownerName", ownerName, "currency", currency, "openingBalance", openingBalance))
                .post("/accounts")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    public static long balanceOf(UUID accountId) {
        return given().get("/accounts/{id}", accountId)
                .then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    public static Response transfer(UUID from, UUID to, long amount, String currency) {
        return postTransfer(transferBody(from, to, amount, currency));
    }

    public static Map<String, Object> transferBody(UUID from, UUID to, long amount, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", from.toString());
        body.put("toAccountId", to.toString());
        body.put("amount", amount);
        body.put("currency", currency);
        return body;
    }

    public static Response postTransfer(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/transfers");
    }

    public static Response transfer(UUID from, UUID to, long amount, String currency, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(transferBody(from, to, amount, currency)).post("/transfers");
    }

    /** Ids of the account's transfers, newest first, read through every page. */
    public static List<UUID> historyOf(UUID accountId) {
        List<UUID> ids = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath json = given().queryParam("page", page).queryParam("size", 100)
                    .get("/accounts/{id}/transfers", accountId)
                    .then().statusCode(200)
                    .extract().jsonPath();
            json.getList("items.id", String.class).forEach(id -> ids.add(UUID.fromString(id)));
            if (!json.getBoolean("hasNext")) {
                return ids;
            }
        }
    }

    /** Every account id, in the order the list endpoint returns them, read through every page. */
    public static List<UUID> allAccountIds() {
        List<UUID> ids = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath json = given().queryParam("page", page).queryParam("size", 100)
                    .get("/accounts")
                    .then().statusCode(200)
                    .extract().jsonPath();
            json.getList("items.id", String.class).forEach(id -> ids.add(UUID.fromString(id)));
            if (!json.getBoolean("hasNext")) {
                return ids;
            }
        }
    }

    /** Asserts an RFC 9457 problem response of the given type. */
    public static void assertProblem(Response response, ProblemType type) {
        response.then()
                .statusCode(type.status)
                .contentType("application/problem+json")
                .body("type", equalTo(type.type.toString()))
                .body("title", equalTo(type.title))
                .body("status", equalTo(type.status));
    }

    /** Balances and ledgers of some accounts, to show that a rejected request changed nothing. */
    public record Snapshot(Map<UUID, Long> balances, Map<UUID, List<UUID>> histories) {

        public static Snapshot of(UUID... accountIds) {
            Map<UUID, Long> balances = new LinkedHashMap<>();
            Map<UUID, List<UUID>> histories = new LinkedHashMap<>();
            for (UUID id : accountIds) {
                balances.put(id, balanceOf(id));
                histories.put(id, historyOf(id));
            }
            return new Snapshot(balances, histories);
        }

        public void assertUnchanged() {
            UUID[] ids = balances.keySet().toArray(UUID[]::new);
            assertEquals(this, of(ids), "a rejected request changed balances or ledgers");
        }
    }
}
