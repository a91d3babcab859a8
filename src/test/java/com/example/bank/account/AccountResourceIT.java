package com.example.bank.account;

import com.example.bank.PackagedAppSettings;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AccountResourceTest} against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppSettings.class)
class AccountResourceIT extends AccountResourceTest {
}
