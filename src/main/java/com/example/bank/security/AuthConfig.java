package com.example.bank.security;

import com.example.bank.settings.SettingRange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
    int verifiedTokenCacheSeconds();

    /** Most verified tokens kept; 0 verifies every request in full. */
    @WithDefault("10000")
    int verifiedTokenCacheSize();

    /** Called by {@link AuthSettingsLog} at start. */
    static void checkRanges(AuthConfig config) {
        SettingRange.requireAtLeast("bank.auth.verified-token-cache-seconds", config.verifiedTokenCacheSeconds(), 0);
        SettingRange.requireAtLeast("bank.auth.verified-token-cache-size", config.verifiedTokenCacheSize(), 0);
    }
}
