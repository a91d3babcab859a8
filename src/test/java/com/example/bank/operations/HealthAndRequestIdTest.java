package com.example.bank.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndRequestIdTest {

    @Test
    void isLiveAndReadyWithItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void echoesTheCallersRequestId() {
        given().header("X-Request-Id", "gateway-1234").get("/accounts/{id}", UUID.randomUUID())
                .then().statusCode(404).header("X-Request-Id", equalTo("gateway-1234"));
    }

    @Test
    void assignsARequestIdWhenNoneOrAnUnsafeOneIsSent() {
        given().get("/accounts").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "bad id\twith tabs").get("/accounts").then().statusCode(200)
                .header("X-Request-Id", not(equalTo("bad id\twith tabs")));
    }
}
