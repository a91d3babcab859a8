package com.example.bank.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Settings of one benchmark run, from system properties ({@code -Dbenchmark.clients=32}). The service gets
 * the {@code BANK_*} environment variables of the benchmark's own environment, so that its settings can be
 * compared ({@code BANK_RETRY_MAX_RETRIES=20 ./mvnw verify -Pbenchmark}).
 *
 * @param workloads    {@code uniform}, {@code zipf1} (s = 1.0), {@code zipf2} (s = 2.0), {@code hot}
 * @param paths        {@code direct} (JDBC, one transaction per transfer) and {@code service} (HTTP)
 * @param keys         {@code keyed} (a fresh Idempotency-Key per transfer, as real clients send) and {@code keyless}
 * @param loops        {@code closed} (each client sends its next transfer when the last is answered) and
 *                     {@code open} (transfers sent at a fixed offered rate, latency from the intended send time)
 * @param warmupSeconds  before the first measurement of each path, while the JIT compiles
 * @param rewarmSeconds  before every later measurement
 * @param openLoopFractions offered rates of the open loop, as fractions of the same closed-loop run's rate
 * @param p99BoundMillis the open loop reports the highest offered rate held with p99 at or under this
 * @param javaOptions  JVM options of the service ({@code -Dbenchmark.java-options="-XX:+UseSerialGC -Xmx64m"}); the
 *                     service itself is the packaged jar, or another build's with {@code -Dpackaged.runner=…}
 * @param tracing      {@code -Dbenchmark.tracing=on}: the service traces every request and exports the spans
 *                     over OTLP to a stand-in collector ({@link OtlpSink}); off by default, as in production
 */
record BenchmarkSettings(List<String> workloads, List<String> paths, List<String> keys, List<String> loops,
        int clients, int warmupSeconds, int rewarmSeconds, int seconds, List<Double> openLoopFractions,
        double p99BoundMillis, int accounts, int directRetries, Optional<String> databaseUrl, String databaseUser,
        String databasePassword, Path report, String javaOptions, boolean tracing) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                list("benchmark.workloads", "uniform,zipf1,zipf2,hot"),
                list("benchmark.paths", "direct,service"),
                list("benchmark.keys", "keyed,keyless"),
                list("benchmark.loops", "closed,open"),
                Integer.getInteger("benchmark.clients", 16),
                Integer.getInteger("benchmark.warmup-seconds", 120),
                Integer.getInteger("benchmark.rewarm-seconds", 10),
                Integer.getInteger("benchmark.seconds", 20),
                list("benchmark.open-loop-fractions", "0.5,0.75,0.9,1.0").stream().map(Double::valueOf).toList(),
                Double.parseDouble(System.getProperty("benchmark.p99-bound-ms", "50")),
                Integer.getInteger("benchmark.accounts", 10_000),
                Integer.getInteger("benchmark.direct-retries", 50),
                Optional.ofNullable(System.getProperty("benchmark.database-url")).filter(url -> !url.isBlank()),
                System.getProperty("benchmark.database-user", "postgres"),
                System.getProperty("benchmark.database-password", ""),
                Path.of(System.getProperty("benchmark.report", "target/benchmark.json")),
                System.getProperty("benchmark.java-options", ""),
                System.getProperty("benchmark.tracing", "off").equals("on"));
    }

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
    }
}
