package com.example.bank;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.example.bank.paging.Page;
import com.example.bank.problem.ProblemType;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The service's REST API as the tests use it. Everything goes over HTTP, with really signed tokens, so the
 * same tests run against {@code @QuarkusTest} and against the packaged jar in {@code @QuarkusIntegrationTest}.
 * <p>
 * Accounts are opened by a teller for an owner whose subject is the owner name the test gives; a transfer is
 * sent by the owner of its source account, as a customer, as the service requires.
 */
public final class BankApi {

    /** The subject of the teller who opens the tests' accounts and reads them. */
    public static final String TELLER = "teller-1";

    private static final Map<UUID, String> OWNERS = new ConcurrentHashMap<>();

    private BankApi() {
    }

    /** A request from the tests' teller. */
    public static RequestSpecification asTeller() {
        return given().auth().oauth2(Tokens.teller(TELLER));
    }

    /** A request from a customer. */
    public static RequestSpecification asCustomer(String subject) {
        return given().auth().oauth2(Tokens.customer(subject));
    }

    /** A request from the owner of the account, as a customer. */
    public static RequestSpecification asOwnerOf(UUID accountId) {
        return asCustomer(ownerOf(accountId));
    }

    /** Opened by the teller for {@code owner} (its subject and its name), with an opening deposit. */
    public static UUID openAccount(String owner, String currency, long openingBalance) {
        String id = asTeller().contentType(ContentType.JSON)
                .body(Map.of("ownerId", owner, "ownerName", owner, "currency", currency, "openingBalance", openingBalance))
                .post("/accounts")
                .then().statusCode(201)
                .extract().path("id");
        OWNERS.put(UUID.fromString(id), owner);
        return UUID.fromString(id);
    }

    public static String ownerOf(UUID accountId) {
        return OWNERS.computeIfAbsent(accountId, id -> asTeller().get("/accounts/{id}", id)
                .then().statusCode(200).extract().path("ownerId"));
    }

    public static long balanceOf(UUID accountId) {
        return asTeller().get("/accounts/{id}", accountId)
                .then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    /** Sent by the owner of {@code from}. */
    public static Response transfer(UUID from, UUID to, long amount, String currency) {
        return postTransfer(asOwnerOf(from), transferBody(from, to, amount, currency));
    }

    public static Response postTransfer(RequestSpecification caller, Object body) {
        return given().spec(caller).contentType(ContentType.JSON).body(body).post("/transfers");
    }

    public static Map<String, Object> transferBody(UUID from, UUID to, long amount, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromAccountId", from.toString());
        body.put("toAccountId", to.toString());
        body.put("amount", amount);
        body.put("currency", currency);
        return body;
    }

    /** Sent by the owner of {@code from}, with the key. */
    public static Response transfer(UUID from, UUID to, long amount, String currency, String idempotencyKey) {
        return postTransfer(asOwnerOf(from).header("Idempotency-Key", idempotencyKey),
                transferBody(from, to, amount, currency));
    }

    /** Ids of the account's ledger entries (deposits and transfers), newest first, read through every page. */
    public static List<UUID> historyOf(UUID accountId) {
        return entriesOf(accountId, kind -> true);
    }

    /** Ids of the account's transfers (in and out, not deposits), newest first. */
    public static List<UUID> transfersOf(UUID accountId) {
        return entriesOf(accountId, "transfer"::equals);
    }

    private static List<UUID> entriesOf(UUID accountId, Predicate<String> kind) {
        List<UUID> ids = new ArrayList<>();
        for (JsonPath page : pages(asTeller(), "/accounts/" + accountId + "/transfers", Page.MAX_SIZE)) {
            List<String> kinds = page.getList("items.kind", String.class);
            List<String> pageIds = page.getList("items.id", String.class);
            for (int i = 0; i < pageIds.size(); i++) {
                if (kind.test(kinds.get(i))) {
                    ids.add(UUID.fromString(pageIds.get(i)));
                }
            }
        }
        return ids;
    }

    /** Every account id, in the order the list endpoint returns them to the teller, read through every page. */
    public static List<UUID> allAccountIds() {
        return accountIdsSeenBy(asTeller());
    }

    /** The account ids the list endpoint returns to this caller, read through every page. */
    public static List<UUID> accountIdsSeenBy(RequestSpecification caller) {
        List<UUID> ids = new ArrayList<>();
        for (JsonPath page : pages(caller, "/accounts", Page.MAX_SIZE)) {
            page.getList("items.id", String.class).forEach(id -> ids.add(UUID.fromString(id)));
        }
        return ids;
    }

    /** Every page of a paged list, as the caller sees it, following each page's next cursor. */
    public static List<JsonPath> pages(RequestSpecification caller, String path, int size) {
        List<JsonPath> pages = new ArrayList<>();
        String after = null;
        do {
            RequestSpecification request = given().spec(caller).queryParam("size", size);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath json = request.get(path).then().statusCode(200).extract().jsonPath();
            pages.add(json);
            after = json.getString("next");
        } while (after != null);
        return pages;
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
