package com.example.bank.devdatabase;

import static com.example.bank.BankApi.balanceOf;
import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.SessionFactory;
import org.hibernate.dialect.CockroachDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The test profile with {@code bank.dev-database=cockroachdb}: the service starts its own node from the binary
 * it is given (here a stand-in that serves SQL, as this machine has no CockroachDB), migrates it and runs on it.
 */
@QuarkusTest
@TestProfile(CockroachDevDatabaseTest.OnStandInCockroach.class)
class CockroachDevDatabaseTest {

    static final Path STAND_IN = Path.of("target", "stand-in-cockroach");

    public static class OnStandInCockroach implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bank.dev-database", "cockroachdb",
                    "bank.dev-database.cockroach-binary", StandInCockroach.servingSql(STAND_IN.toAbsolutePath()).toString());
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void usesCockroachDbsDialect() {
        assertEquals(CockroachDialect.class,
                sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect().getClass());
    }

    @Test
    void runsOnTheNodeItStarted() throws Exception {
        List<String> arguments = Files.readAllLines(StandInCockroach.arguments(STAND_IN.toAbsolutePath()));
        assertEquals("start-single-node", arguments.get(0));
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT current_database(), current_user")) {
            row.next();
            assertEquals("bank", row.getString(1));
            assertEquals("root", row.getString(2));
            assertTrue(connection.getMetaData().getURL().contains("/bank?sslmode=disable"), connection.getMetaData().getURL());
        }
    }

    @Test
    void servesTransfersOnIt() {
        UUID from = openAccount("On the node", "USD", 1000);
        UUID to = openAccount("Receiver", "USD", 250);

        transfer(from, to, 100, "USD").then().statusCode(201);

        assertEquals(900, balanceOf(from));
        assertEquals(350, balanceOf(to));
    }
}
