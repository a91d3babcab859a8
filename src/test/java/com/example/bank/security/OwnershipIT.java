package com.example.bank.security;

import com.example.bank.PackagedAppSettings;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OwnershipTest} against the packaged application, with its production token settings. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppSettings.class)
class OwnershipIT extends OwnershipTest {
}
