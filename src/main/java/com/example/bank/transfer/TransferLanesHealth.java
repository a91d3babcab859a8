package com.example.bank.transfer;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Readiness DOWN while a lane has been stuck on one batch for longer than {@code BANK_TRANSFER_STUCK_AFTER}:
 * the transfers queued behind it cannot start, so new ones should go to another instance.
 */
@Readiness
@ApplicationScoped
public class TransferLanesHealth implements HealthCheck {

    @Inject
    TransferLanes lanes;

    @Inject
    TransferLanesConfig config;

    @Override
    public HealthCheckResponse call() {
        Duration longestBusy = lanes.longestBusy();
        return HealthCheckResponse.named("transfer-lanes")
                .status(longestBusy.compareTo(config.stuckAfter()) < 0)
                .withData("longestBatchMillis", longestBusy.toMillis())
                .withData("queued", lanes.queued())
                .build();
    }
}
