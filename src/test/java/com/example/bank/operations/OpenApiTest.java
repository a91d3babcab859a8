package com.example.bank.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.bank.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The generated OpenAPI document describes every endpoint, every answer it gives and every problem type. */
@QuarkusTest
class OpenApiTest {

    /** Every status each operation answers with, as the README's API table lists them. */
    private static final Map<String, Set<String>> STATUSES = Map.of(
            "post /accounts", Set.of("201", "400", "401", "403"),
            "get /accounts", Set.of("200", "400", "401", "403"),
            "get /accounts/{id}", Set.of("200", "401", "403", "404"),
            "post /accounts/{id}/deposits", Set.of("201", "400", "401", "403", "404", "422"),
            "get /accounts/{id}/transfers", Set.of("200", "400", "401", "403", "404"),
            "post /transfers", Set.of("201", "400", "401", "403", "404", "422", "503"),
            "get /transfers/{id}", Set.of("200", "401", "403", "404"));

    private JsonPath document;

    @BeforeEach
    void fetch() {
        document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documentsExactlyTheServicesOperations() {
        assertEquals(new TreeSet<>(STATUSES.keySet()), new TreeSet<>(operations()));
    }

    /** Client generators name their methods after operation ids; two alike would collide. */
    @Test
    void givesEveryOperationItsOwnId() {
        List<Object> ids = operations().stream().map(operation -> operation(operation).get("operationId")).toList();
        assertFalse(ids.contains(null), "an operation without an id: " + ids);
        assertEquals(ids.size(), Set.copyOf(ids).size(), "operation ids repeat: " + ids);
    }

    @Test
    void describesEveryOperation() {
        for (String operation : operations()) {
            Map<String, Object> spec = operation(operation);
            assertTrue(spec.get("summary") != null && !String.valueOf(spec.get("summary")).isBlank(),
                    operation + " has no summary");
            assertTrue(spec.get("description") != null && !String.valueOf(spec.get("description")).isBlank(),
                    operation + " has no description");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryAnswerAndEveryErrorAsAProblem() {
        for (String operation : operations()) {
            Map<String, Object> responses = (Map<String, Object>) operation(operation).get("responses");
            assertEquals(STATUSES.get(operation), new TreeSet<>(responses.keySet()), operation);
            responses.forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
                assertTrue(content != null, operation + " " + status + " has no body documented");
                if (Integer.parseInt(status) >= 400) {
                    assertEquals(Set.of("application/problem+json"), content.keySet(), operation + " " + status);
                }
            });
        }
    }

    @Test
    void listsEveryProblemType() {
        List<String> documented = document.getList("components.schemas.Problem.properties.type.enum", String.class);
        for (ProblemType type : ProblemType.values()) {
            assertTrue(documented.contains(type.type.toString()), type + " is not documented");
        }
    }

    @Test
    void documentsTheIdempotencyKeyHeader() {
        List<String> headers = document.getList("paths.'/transfers'.post.parameters.findAll { it.in == 'header' }.name", String.class);
        assertEquals(List.of("Idempotency-Key"), headers);
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> operations.add(method + " " + path)));
        return operations;
    }

    private Map<String, Object> operation(String operation) {
        String[] parts = operation.split(" ", 2);
        return document.getMap("paths.'" + parts[1] + "'." + parts[0]);
    }
}
