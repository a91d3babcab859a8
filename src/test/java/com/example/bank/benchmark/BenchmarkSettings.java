package com.example.bank.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Settings of one benchmark run, from system properties ({@code -Dbenchmark.clients=32}). The service gets
 * the {@code BANK_*} environment variables of the benchmark's own environment, so that its settings can be
 * compared ({@code BANK_TRANSFER_RETRY_MAX_RETRIES=20 ./mvnw verify -Pbenchmark}).
 */
record BenchmarkSettings(List<String> workloads, List<String> paths, int clients, int warmupSeconds, int seconds, int uniformAccounts, int directRetries,
        Optional<String> databaseUrl, String databaseUser, String databasePassword, Path jar, Path report) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                List.of(System.getProperty("benchmark.workloads", "uniform,hot").split(",")),
                List.of(System.getProperty("benchmark.paths", "service,direct").split(",")),
                Integer.getInteger("benchmark.clients", 16),
                Integer.getInteger("benchmark.warmup-seconds", 120),
                Integer.getInteger("benchmark.seconds", 20),
                Integer.getInteger("benchmark.uniform-accounts", 10_000),
                Integer.getInteger("benchmark.direct-retries", 50),
                Optional.ofNullable(System.getProperty("benchmark.database-url")).filter(url -> !url.isBlank()),
                System.getProperty("benchmark.database-user", "postgres"),
                System.getProperty("benchmark.database-password", ""),
                Path.of(System.getProperty("benchmark.jar", "target/quarkus-app/quarkus-run.jar")),
                Path.of(System.getProperty("benchmark.report", "target/benchmark.json")));
    }
}
