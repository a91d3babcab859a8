package com.example.bank.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * Where tokens come from: {@code BANK_AUTH_ISSUER}, {@code BANK_AUTH_AUDIENCE} and
 * {@code BANK_AUTH_PUBLIC_KEY_LOCATION}. They have no defaults in production, so that a service started
 * without them stops at once with a message naming the missing setting, instead of refusing every request.
 * smallrye-jwt reads them through {@code mp.jwt.verify.*} (see {@code application.properties}); this
 * mapping is what makes them required. Dev mode and tests get theirs from {@code DevAuthConfigSourceFactory}.
 */
@ConfigMapping(prefix = "bank.auth")
public interface AuthConfig {

    /** The {@code iss} every token must carry, e.g. {@code https://keycloak.example/realms/bank}. */
    String issuer();

    /** The {@code aud} every token must include: this service's client id at the identity provider. */
    String audience();

    /** The issuer's public keys: a PEM file, or a JWKS file or URL ({@code https://…/certs}). */
    String publicKeyLocation();

    /** Longest time a verified token is reused without checking its signature again (see VerifiedTokenCache). */
    @WithDefault("60")
    @Min(0)
    int verifiedTokenCacheSeconds();

    /** Most verified tokens kept; 0 verifies every request in full. */
    @WithDefault("10000")
    @Min(0)
    int verifiedTokenCacheSize();
}
