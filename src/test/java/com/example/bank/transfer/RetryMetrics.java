package com.example.bank.transfer;

import com.example.bank.database.RetriedTransactions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

/** Reads SmallRye Fault Tolerance's own counters for {@link RetriedTransactions#inNewTransaction}. */
final class RetryMetrics {

    private static final String METHOD = RetriedTransactions.class.getName() + ".inNewTransaction";

    private final MeterRegistry registry;

    RetryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Re-runs of the transaction, over all calls so far. */
    long retries() {
        return count(registry.find("ft.retry.retries.total").tag("method", METHOD));
    }

    /** Calls of the method (not attempts), over all calls so far. */
    long invocations() {
        return count(registry.find("ft.invocations.total").tag("method", METHOD));
    }

    private static long count(Search search) {
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }
}
