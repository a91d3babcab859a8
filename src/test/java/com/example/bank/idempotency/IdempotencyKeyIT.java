package com.example.bank.idempotency;

import com.example.bank.database.PackagedAppDatabase;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotencyKeyTest} against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class IdempotencyKeyIT extends IdempotencyKeyTest {
}
