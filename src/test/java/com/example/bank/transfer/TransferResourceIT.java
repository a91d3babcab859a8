package com.example.bank.transfer;

import com.example.bank.PackagedAppSettings;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TransferResourceTest} against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppSettings.class)
class TransferResourceIT extends TransferResourceTest {
}
