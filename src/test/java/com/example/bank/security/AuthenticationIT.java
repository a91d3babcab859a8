package com.example.bank.security;

import com.example.bank.PackagedAppSettings;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged application, with its production token settings. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppSettings.class)
class AuthenticationIT extends AuthenticationTest {
}
