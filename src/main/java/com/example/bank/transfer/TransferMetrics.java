package com.example.bank.transfer;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transfer metrics, on top of the fault-tolerance ones ({@code ft_retry_*}) and the conflict count ({@code bank_transaction_conflicts}). Tags take values from a closed
 * set (outcomes are problem type names), never account ids or keys, so the number of series stays bounded.
 */
@ApplicationScoped
public class TransferMetrics {

    static final String OUTCOME_COMPLETED = "completed";
    static final String OUTCOME_REPLAYED = "replayed";
    static final String OUTCOME_ERROR = "error";

    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;

    TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSizes = DistributionSummary.builder("bank.transfer.batch.size")
                .description("Transfers carried by one committed transaction (group commit)")
                .register(registry);
    }

    /** Registered by the lanes, and removed by them when they stop: a restarted application registers anew. */
    <T> Gauge queued(T lanes, ToDoubleFunction<T> queued) {
        return Gauge.builder("bank.transfer.queued", lanes, queued)
                .description("Transfers waiting for their lane's next transaction")
                .register(registry);
    }

    void remove(Gauge gauge) {
        registry.remove(gauge);
    }

    void batch(int transfers) {
        batchSizes.record(transfers);
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
}
