package com.example.bank.devauth;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Dev mode and tests verify tokens signed by {@link DevSigningKey}, with the dev issuer and audience, so
 * that they need no identity provider. Inert in production, where the three {@code BANK_AUTH_*} settings
 * must be given. Below application.properties and the environment: a team can point dev mode at its real
 * identity provider by setting them.
 */
public class DevAuthConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250), so that any setting there or in the environment wins. */
    private static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "bank.auth.issuer", DevTokens.ISSUER,
                "bank.auth.audience", DevTokens.AUDIENCE,
                "bank.auth.public-key-location", DevSigningKey.publicKeyFile().toUri().toString()),
                "bank-dev-auth", ORDINAL));
    }
}
