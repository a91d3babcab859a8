package com.example.bank.transfer;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

/** The transfers waiting on the lanes, as the service reports them ({@code bank.transfer.queued}). */
final class QueuedTransfers {

    private QueuedTransfers() {
    }

    /** Waits until at least {@code transfers} wait on the lanes. */
    static void await(MeterRegistry registry, int transfers) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (registry.get("bank.transfer.queued").gauge().value() < transfers) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(transfers + " transfers did not queue within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
