package com.example.bank.devauth;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issues tokens as a real identity provider would (RS256, issuer, audience, subject, groups, expiry), signed
 * by {@link DevSigningKey}: for dev mode ({@code GET /dev/token}) and the tests. Their issuer and audience
 * are the dev values that {@link DevAuthConfigSourceFactory} configures.
 */
public final class DevTokens {

    public static final String ISSUER = "https://bank.example/dev-identity-provider";
    public static final String AUDIENCE = "bank-transfers";
    public static final Duration LIFETIME = Duration.ofHours(8);

    private DevTokens() {
    }

    public static String issue(String subject, Set<String> roles) {
        return claims(subject, roles).sign(DevSigningKey.privateKey());
    }

    /** The claims of {@link #issue}, unsigned: tests change one of them to make a token the service must refuse. */
    public static JwtClaimsBuilder claims(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("preferred_username", subject)
                .groups(roles)
                .expiresIn(LIFETIME);
    }
}
