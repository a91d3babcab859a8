package com.example.bank.security;

import static com.example.bank.BankApi.asCustomer;
import static com.example.bank.BankApi.asTeller;
import static com.example.bank.BankApi.assertProblem;
import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transferBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.example.bank.devauth.DevSigningKey;
import com.example.bank.devauth.DevTokens;
import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the API document needs a valid bearer token: listed from the document itself, so that
 * an endpoint added later is covered without touching this test. Tokens are really signed and verified.
 */
@QuarkusTest
class AuthenticationTest {

    @Test
    void everyOperationRefusesAnAnonymousRequest() {
        List<String> operations = operations();
        assertFalse(operations.isEmpty());
        for (String operation : operations) {
            assertUnauthenticated(operation, send(given(), operation));
        }
    }

    @Test
    void everyOperationRefusesEveryKindOfBadToken() {
        for (Map.Entry<String, Supplier<String>> token : HostileTokens.all().entrySet()) {
            for (String operation : operations()) {
                assertUnauthenticated(token.getKey() + ": " + operation,
                        send(given().auth().oauth2(token.getValue().get()), operation));
            }
        }
    }

    @Test
    void aRefusedTokenMovesNoMoney() {
        UUID from = openAccount(HostileTokens.SUBJECT, "USD", 1000);
        UUID to = openAccount("hostile-target", "USD", 0);

        for (Map.Entry<String, Supplier<String>> token : HostileTokens.all().entrySet()) {
            Response response = postTransfer(given().auth().oauth2(token.getValue().get()), transferBody(from, to, 10, "USD"));
            assertEquals(401, response.statusCode(), token.getKey());
        }

        assertEquals(1000, balanceOf(from));
    }

    @Test
    void aCustomerCannotDoATellersWork() {
        UUID account = openAccount("cust-1", "USD", 0);

        assertProblem(asCustomer("cust-1").contentType(ContentType.JSON).body(Map.of("amount", 5, "currency", "USD"))
                .post("/accounts/{id}/deposits", account), ProblemType.FORBIDDEN);
        assertEquals(0, balanceOf(account));
    }

    @Test
    void aTellerMovesNoCustomersMoney() {
        UUID from = openAccount("cust-2", "USD", 100);
        UUID to = openAccount("cust-3", "USD", 0);

        assertProblem(postTransfer(asTeller(), transferBody(from, to, 10, "USD")), ProblemType.FORBIDDEN);
        assertEquals(100, balanceOf(from));
    }

    @Test
    void aTokenWithoutARoleIsForbidden() {
        String roleless = DevTokens.issue("nobody", Set.of());

        assertProblem(given().auth().oauth2(roleless).get("/accounts"), ProblemType.FORBIDDEN);
    }

    /** Keycloak's default token carries realm roles in realm_access.roles, not groups. */
    @Test
    void acceptsKeycloakRealmRoles() {
        UUID account = openAccount("keycloak-user", "USD", 7);
        String keycloakToken = DevTokens.claims("keycloak-user", Set.of())
                .claim("realm_access", Map.of("roles", List.of(Roles.CUSTOMER, "offline_access")))
                .sign(DevSigningKey.privateKey());

        given().auth().oauth2(keycloakToken).get("/accounts/{id}", account).then().statusCode(200)
                .body("balance", equalTo(7));
    }

    private static void assertUnauthenticated(String what, Response response) {
        assertEquals(401, response.statusCode(), what + ": " + response.asString());
        assertProblem(response, ProblemType.UNAUTHENTICATED);
        assertEquals("Bearer", response.header("WWW-Authenticate"), what);
    }

    /** The operation with a random UUID for each path parameter and, for a POST, a valid-looking body. */
    private static Response send(RequestSpecification request, String operation) {
        String[] parts = operation.split(" ", 2);
        String path = parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (parts[0].equals("get")) {
            return request.get(path);
        }
        return request.contentType(ContentType.JSON)
                .body(transferBody(UUID.randomUUID(), UUID.randomUUID(), 1, "USD")).post(path);
    }

    private static List<String> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> operations = new ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> operations.add(method + " " + path)));
        return operations;
    }
}
