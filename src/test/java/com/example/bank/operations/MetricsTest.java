package com.example.bank.operations;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.example.bank.database.InjectedFailure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The Prometheus endpoint, read as an operator's scraper reads it. */
@QuarkusTest
class MetricsTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void countsTransfersByOutcomeAndTimesThem() {
        UUID from = openAccount("Payer", "USD", 100);
        UUID to = openAccount("Payee", "USD", 0);
        String before = scrape();

        transfer(from, to, 60, "USD").then().statusCode(201);
        transfer(from, to, 60, "USD").then().statusCode(422);

        String after = scrape();
        String completed = "bank_transfer_duration_seconds_count{outcome=\"completed\"}";
        String refused = "bank_transfer_duration_seconds_count{outcome=\"insufficient-funds\"}";
        assertEquals(value(before, completed) + 1, value(after, completed));
        assertEquals(value(before, refused) + 1, value(after, refused));
        assertTrue(after.contains("bank_transfer_duration_seconds_bucket{outcome=\"completed\",le="), "no histogram");
        assertFalse(after.contains(from.toString()) || after.contains(to.toString()), "an account id became a tag value");
    }

    @Test
    void countsSerializationFailuresAndRetries() {
        UUID from = openAccount("Payer", "USD", 100);
        UUID to = openAccount("Payee", "USD", 0);
        String before = scrape();

        try (InjectedFailure failure = InjectedFailure.serializationFailures(dataSource, from, 2, InjectedFailure.At.COMMIT)) {
            transfer(from, to, 10, "USD").then().statusCode(201);
        }

        String after = scrape();
        String failures = "bank_transaction_conflicts_total";
        String retries = "ft_retry_retries_total{method=\"com.example.bank.database.RetriedTransactions.inNewTransaction\"}";
        assertEquals(value(before, failures) + 2, value(after, failures));
        assertEquals(value(before, retries) + 2, value(after, retries));
    }

    @Test
    void exposesTheConnectionPool() {
        String metrics = scrape();

        assertTrue(metrics.contains("agroal_active_count{datasource=\"default\"}"), "no pool metrics");
        assertTrue(metrics.contains("agroal_max_used_count{datasource=\"default\"}"), "no pool metrics");
    }

    private String scrape() {
        return given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample's value; with tracing on, an exemplar ({@code # {trace_id=...}}) may follow it. */
    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)( # .*)?$", Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
