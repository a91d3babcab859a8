package com.example.bank.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transfer metrics, on top of the fault-tolerance ones ({@code ft_retry_*}). Tags take values from a closed
 * set (outcomes are problem type names), never account ids or keys, so the number of series stays bounded.
 */
@ApplicationScoped
public class TransferMetrics {

    static final String OUTCOME_COMPLETED = "completed";
    static final String OUTCOME_REPLAYED = "replayed";
    static final String OUTCOME_ERROR = "error";

    private final MeterRegistry registry;
    private final Counter serializationFailures;

    TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.serializationFailures = Counter.builder("bank.transfer.serialization.failures")
                .description("Transfer attempts the database refused with a serialization failure (40001/40P01)")
                .register(registry);
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** One finished transfer request: counted by outcome and timed, retries included. */
    void finished(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("bank.transfer.duration")
                .description("Time to answer a transfer request, retries included")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }

    void serializationFailure() {
        serializationFailures.increment();
    }
}
