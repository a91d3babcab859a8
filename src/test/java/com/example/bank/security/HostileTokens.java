package com.example.bank.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.example.bank.Tokens;
import com.example.bank.devauth.DevSigningKey;
import com.example.bank.devauth.DevTokens;

import io.smallrye.jwt.build.Jwt;

/**
 * Tokens the service must refuse, each wrong in one way only (the rest is a valid customer token), named by
 * what is wrong. Built fresh on each call: some are time-sensitive.
 */
final class HostileTokens {

    static final String SUBJECT = "hostile-customer";

    private HostileTokens() {
    }

    static Map<String, Supplier<String>> all() {
        return Map.of(
                "expired", () -> DevTokens.claims(SUBJECT, Set.of(Roles.CUSTOMER))
                        .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(120))
                        .sign(DevSigningKey.privateKey()),
                "wrong issuer", () -> DevTokens.claims(SUBJECT, Set.of(Roles.CUSTOMER))
                        .issuer("https://identity.attacker.example").sign(DevSigningKey.privateKey()),
                "wrong audience", () -> DevTokens.claims(SUBJECT, Set.of(Roles.CUSTOMER))
                        .audience("another-service").sign(DevSigningKey.privateKey()),
                "signed by another key", () -> DevTokens.claims(SUBJECT, Set.of(Roles.CUSTOMER)).sign(anotherKey()),
                "alg none", HostileTokens::unsigned,
                "HS256 with the public key as the secret", () -> DevTokens.claims(SUBJECT, Set.of(Roles.CUSTOMER))
                        .signWithSecret(publicKeyPem()),
                "payload changed after signing", HostileTokens::promotedToTeller,
                "no subject", () -> Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE)
                        .groups(Set.of(Roles.CUSTOMER)).expiresIn(DevTokens.LIFETIME).sign(DevSigningKey.privateKey()),
                "not a JWT", () -> "not-a-token");
    }

    /** A valid token's claims under {@code "alg": "none"} and no signature. */
    private static String unsigned() {
        String payload = Tokens.customer(SUBJECT).split("\\.")[1];
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /** A valid customer token whose payload now claims the teller role, under the original signature. */
    private static String promotedToTeller() {
        String[] parts = Tokens.customer(SUBJECT).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return parts[0] + "." + encode(claims.replace("\"" + Roles.CUSTOMER + "\"", "\"" + Roles.TELLER + "\"")) + "." + parts[2];
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static java.security.PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyPem() {
        try {
            return Files.readString(DevSigningKey.publicKeyFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
