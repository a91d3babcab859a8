package com.example.bank.operations;

import static com.example.bank.BankApi.asTeller;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health on the management interface, as probes read it; request ids on the API. */
@QuarkusTest
class HealthAndRequestIdTest {

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void isLiveAndReadyWithItsDatabaseOnTheManagementPort() {
        given().port(managementPort).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().port(managementPort).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void theApiPortServesNeitherHealthNorMetrics() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void echoesTheCallersRequestId() {
        asTeller().header("X-Request-Id", "gateway-1234").get("/accounts/{id}", UUID.randomUUID())
                .then().statusCode(404).header("X-Request-Id", equalTo("gateway-1234"));
    }

    @Test
    void assignsARequestIdWhenNoneOrAnUnsafeOneIsSent() {
        asTeller().get("/accounts").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        asTeller().header("X-Request-Id", "bad id\twith tabs").get("/accounts").then().statusCode(200)
                .header("X-Request-Id", not(equalTo("bad id\twith tabs")));
    }
}
