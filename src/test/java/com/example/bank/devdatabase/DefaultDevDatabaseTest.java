package com.example.bank.devdatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.SessionFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Without a cockroach binary (as on this project's machines) tests run on the embedded PostgreSQL, with its dialect. */
@QuarkusTest
class DefaultDevDatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void runsOnTheEmbeddedPostgresqlWithItsDialect() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals("PostgreSQL", connection.getMetaData().getDatabaseProductName());
            assertTrue(connection.getMetaData().getURL().contains("localhost:" + System.getProperty("quarkus.embedded.postgresql.port")),
                    connection.getMetaData().getURL());
        }
        assertEquals(PostgreSQLDialect.class,
                sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect().getClass());
    }
}
