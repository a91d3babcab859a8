package com.example.bank.benchmark;

import java.util.Arrays;

/**
 * What one run gave: a workload on one path (service over HTTP, or direct JDBC), keyed or keyless, closed
 * loop or open loop at an offered rate (NaN for the closed loop). The service's RSS is read at the end of the
 * run (NaN on the direct path).
 */
record Measurement(String workload, String path, String keys, String loop, double offeredRate, int clients,
        double seconds, long transfers, long failures, long retries, double p50Millis, double p95Millis,
        double p99Millis, double serviceCpuMillis, double driverCpuMillis, double serviceRssMegabytes) {

    /** CPU the service's process spent per transfer (NaN on the direct path, which has no service). */
    double serviceCpuMillisPerTransfer() {
        return transfers == 0 ? Double.NaN : serviceCpuMillis / transfers;
    }

    /** CPU the load driver's clients spent per transfer. */
    double driverCpuMillisPerTransfer() {
        return transfers == 0 ? Double.NaN : driverCpuMillis / transfers;
    }

    double transfersPerSecond() {
        return transfers / seconds;
    }

    double retriesPerTransfer() {
        return transfers == 0 ? 0 : (double) retries / transfers;
    }

    boolean isClosedLoop() {
        return loop.equals("closed");
    }

    /** An open-loop run held its rate: it answered (nearly) all it was offered, within the p99 bound, none failed. */
    boolean held(double p99BoundMillis) {
        return failures == 0 && transfersPerSecond() >= 0.95 * offeredRate && p99Millis <= p99BoundMillis;
    }

    static Measurement of(String workload, String path, String keys, String loop, double offeredRate, int clients,
            double seconds, long[] latenciesNanos, long transfers, long failures, long retries, double serviceCpuMillis,
            double driverCpuMillis, double serviceRssMegabytes) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Measurement(workload, path, keys, loop, offeredRate, clients, seconds, transfers, failures, retries,
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), serviceCpuMillis,
                driverCpuMillis, serviceRssMegabytes);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
