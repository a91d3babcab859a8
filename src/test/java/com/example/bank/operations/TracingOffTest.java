package com.example.bank.operations;

import static com.example.bank.BankApi.asOwnerOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.postTransfer;
import static com.example.bank.BankApi.transferBody;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.example.bank.Traces;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Tracing is off unless turned on (README, Traces): the SQL instrumentation is off with it, and a request that
 * arrives with a gateway's traceparent is served as any other.
 */
@QuarkusTest
class TracingOffTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.telemetry.enabled")
    boolean sqlSpans;

    @Test
    void servesATracedRequestWithoutTracing() {
        UUID from = openAccount("Untraced payer", "USD", 1000);
        UUID to = openAccount("Untraced payee", "USD", 0);

        postTransfer(asOwnerOf(from).header("traceparent", Traces.newParent().header()), transferBody(from, to, 100, "USD"))
                .then().statusCode(201);

        assertFalse(sqlSpans, "SQL statements are instrumented only when tracing is on");
    }
}
