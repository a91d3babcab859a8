package com.example.bank.security;

import static com.example.bank.BankApi.openAccount;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.example.bank.devauth.DevSigningKey;
import com.example.bank.devauth.DevTokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** A verified token is reused, never past its expiry. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    MeterRegistry registry;

    @Test
    void reusesATokenVerifiedEarlier() {
        UUID account = openAccount("cache-user", "USD", 1);
        String token = DevTokens.issue("cache-user", Set.of(Roles.CUSTOMER));
        double verifiedBefore = count("verified");
        double reusedBefore = count("reused");

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/accounts/{id}", account).then().statusCode(200);
        }

        assertEquals(1, count("verified") - verifiedBefore, "the first request verifies the token");
        assertEquals(2, count("reused") - reusedBefore, "the next two reuse it");
    }

    /** The test profile allows 1 s of clock skew, so the token is refused 1 s after it expires. */
    @Test
    void refusesAReusedTokenOnceItExpires() throws InterruptedException {
        UUID account = openAccount("short-lived", "USD", 1);
        Instant expiry = Instant.now().plusSeconds(2);
        String token = DevTokens.claims("short-lived", Set.of(Roles.CUSTOMER)).expiresAt(expiry)
                .sign(DevSigningKey.privateKey());
        given().auth().oauth2(token).get("/accounts/{id}", account).then().statusCode(200);
        given().auth().oauth2(token).get("/accounts/{id}", account).then().statusCode(200);

        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 2_200);

        given().auth().oauth2(token).get("/accounts/{id}", account).then().statusCode(401);
    }

    private double count(String result) {
        return registry.get("bank.auth.verified.tokens").tag("result", result).counter().count();
    }
}
