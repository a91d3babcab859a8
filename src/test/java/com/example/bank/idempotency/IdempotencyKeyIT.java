package com.example.bank.idempotency;

import com.example.bank.PackagedAppSettings;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotencyKeyTest} against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppSettings.class)
class IdempotencyKeyIT extends IdempotencyKeyTest {
}
