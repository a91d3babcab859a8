package com.example.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.example.bank.devauth.DevSigningKey;
import com.example.bank.devauth.DevTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the packaged jar needs under {@code @QuarkusIntegrationTest}: it runs with the production profile,
 * carries no embedded database and no dev token settings, so it is configured as in production: a
 * PostgreSQL through the {@code quarkus.datasource.*} settings, and the token settings of {@link Tokens}.
 */
public class PackagedAppSettings implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        // The migration step an operator runs before the service starts (README, Upgrading).
        PackagedService.migrate(PackagedService.productionSettings(postgres.getPort()));
        Map<String, String> settings = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", ""));
        settings.putAll(devAuthProperties());
        return settings;
    }

    /**
     * The token settings of the tests: the packaged service verifies tokens signed by the dev key
     * ({@link Tokens}) exactly as it verifies an identity provider's in production.
     */
    static Map<String, String> devAuthProperties() {
        return Map.of("bank.auth.issuer", DevTokens.ISSUER,
                "bank.auth.audience", DevTokens.AUDIENCE,
                "bank.auth.public-key-location", DevSigningKey.publicKeyFile().toUri().toString());
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
