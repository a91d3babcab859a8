package com.example.bank.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.bank.PackagedService;
import com.example.bank.Tokens;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the packaged service {@code -Dstartup.runs} times (5) against one PostgreSQL, already migrated by an
 * unmeasured first start, and prints for each run: time to readiness, time to the first answered transfer
 * (a keyed transfer with a token, sent every 10 ms from the moment the process is launched), RSS once ready
 * and RSS after {@code -Dstartup.load-transfers} (50,000) transfers over 16 connections; then median, min and
 * max. {@code -Dstartup.java} is the JVM command and its options, space-separated (default: this JVM), e.g.
 * {@code "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:AOTCache=target/quarkus-app/app.aot"}.
 * {@code -Dstartup.memory-detail=true} also prints, after each load, what the RSS is made of.
 * <p>
 * {@code ./mvnw verify -Pbenchmark -Dbenchmark.main=com.example.bank.benchmark.StartupBenchmark}
 */
public final class StartupBenchmark {

    private static final String CUSTOMER = "startup-customer";
    private static final int CLIENTS = 16;

    private record Run(double readyMillis, double firstTransferMillis, double idleRssMb, double loadedRssMb,
            double loadPerSecond) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("startup.runs", 5);
        int loadTransfers = Integer.getInteger("startup.load-transfers", 50_000);
        List<String> java = Arrays.asList(System.getProperty("startup.java",
                ProcessHandle.current().info().command().orElse("java")).trim().split("\\s+"));
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            Map<String, String> environment = new HashMap<>(PackagedService.productionSettings(database.getPort()));
            environment.put("QUARKUS_LOG_LEVEL", "WARN");
            // BANK_MIGRATE_AT_START=true measures a start that also checks and applies migrations.
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("BANK_")) {
                    environment.put(name, value);
                }
            });
            System.out.printf("Startup benchmark: %s, %d runs, %d transfers of load%n", String.join(" ", java), runs, loadTransfers);
            List<UUID> accounts;
            PackagedService.migrate(environment);
            try (Connection sql = DriverManager.getConnection(database.getJdbcUrl("postgres", "postgres"))) {
                accounts = BenchmarkAccounts.open(sql, CUSTOMER, 1_000_000_000L, 1_000);
            }
            List<Run> measured = new ArrayList<>();
            System.out.printf("%n%-4s %12s %17s %12s %15s %12s%n", "run", "ready ms", "first transfer ms", "RSS ready MB",
                    "RSS loaded MB", "load /s");
            for (int run = 1; run <= runs; run++) {
                Run result = measure(java, environment, accounts, loadTransfers);
                measured.add(result);
                System.out.printf(Locale.ROOT, "%-4d %12.0f %17.0f %12.0f %15.0f %12.0f%n", run, result.readyMillis(),
                        result.firstTransferMillis(), result.idleRssMb(), result.loadedRssMb(), result.loadPerSecond());
            }
            System.out.println();
            summary("ready ms", measured, Run::readyMillis);
            summary("first transfer ms", measured, Run::firstTransferMillis);
            summary("RSS ready MB", measured, Run::idleRssMb);
            summary("RSS loaded MB", measured, Run::loadedRssMb);
            summary("load /s", measured, Run::loadPerSecond);
        }
    }

    private static Run measure(List<String> java, Map<String, String> environment, List<UUID> accounts,
            int loadTransfers) throws Exception {
        long launched = System.nanoTime();
        try (PackagedService service = PackagedService.start(java, environment)) {
            CompletableFuture<Double> ready = CompletableFuture.supplyAsync(() -> readyMillis(service, launched));
            double firstTransfer = firstTransferMillis(service, accounts, launched);
            ready.get(120, TimeUnit.SECONDS);
            Thread.sleep(2_000);
            double idleRss = service.rssMegabytes();
            long started = System.nanoTime();
            load(service, accounts, loadTransfers);
            double perSecond = loadTransfers / (millisSince(started) / 1000);
            double loadedRss = service.rssMegabytes();
            if (Boolean.getBoolean("startup.memory-detail")) {
                printMemoryDetail(java, service);
            }
            service.terminate();
            service.awaitExit(Duration.ofSeconds(60));
            return new Run(ready.get(), firstTransfer, idleRss, loadedRss, perSecond);
        }
    }

    /** Polls readiness every 10 ms; the time from launch to its first 200. */
    private static double readyMillis(PackagedService service, long launched) {
        while (true) {
            try {
                if (service.getManagement("/q/health/ready").statusCode() == 200) {
                    return millisSince(launched);
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** Sends one keyed transfer every 10 ms until one is answered 201; the time from launch to that answer. */
    private static double firstTransferMillis(PackagedService service, List<UUID> accounts, long launched)
            throws InterruptedException {
        String body = "{\"fromAccountId\":\"" + accounts.get(0) + "\",\"toAccountId\":\"" + accounts.get(1)
                + "\",\"amount\":1,\"currency\":\"USD\"}";
        String[] headers = { "Authorization", "Bearer " + Tokens.customer(CUSTOMER),
                "Idempotency-Key", UUID.randomUUID().toString() };
        while (true) {
            try {
                if (service.post("/transfers", body, headers).statusCode() == 201) {
                    return millisSince(launched);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
    }

    private static void load(PackagedService service, List<UUID> accounts, int transfers) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    try (HttpTransferClient http = new HttpTransferClient(service.port(), Tokens.customer(CUSTOMER), true)) {
                        for (int i = client; i < transfers; i += CLIENTS) {
                            UUID from = accounts.get(i % accounts.size());
                            UUID to = accounts.get((i * 7 + 1) % accounts.size());
                            if (!from.equals(to)) {
                                http.transfer(from, to, 1);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    /**
     * Where the loaded RSS is: anonymous against file-backed pages (the JVM's libraries, a CDS archive or AOT
     * cache, which instances on one host share), and, when the JVM runs with
     * {@code -XX:NativeMemoryTracking=summary}, what it has committed by category.
     */
    private static void printMemoryDetail(List<String> java, PackagedService service) throws IOException, InterruptedException {
        long pid = service.pid();
        for (String field : List.of("RssAnon", "RssFile", "RssShmem")) {
            System.out.printf(Locale.ROOT, "    %-10s %6.0f MB%n", field + ":", service.memoryMegabytes(field));
        }
        if (java.stream().noneMatch(option -> option.startsWith("-XX:NativeMemoryTracking="))) {
            return;
        }
        Path javaCommand = Path.of(java.get(0));
        String jcmd = javaCommand.getParent() == null ? "jcmd" : javaCommand.resolveSibling("jcmd").toString();
        Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        Pattern category = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
        for (String line : new String(process.getInputStream().readAllBytes()).split("\n")) {
            Matcher matcher = category.matcher(line.strip());
            if (matcher.find() && Long.parseLong(matcher.group(2)) >= 1024) {
                System.out.printf(Locale.ROOT, "    %-28s %6.0f MB committed%n", matcher.group(1),
                        Long.parseLong(matcher.group(2)) / 1024.0);
            } else if (line.startsWith("Total:")) {
                System.out.println("    NMT " + line);
            }
        }
        process.waitFor();
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private static void summary(String name, List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-18s median %8.0f   min %8.0f   max %8.0f%n", name, values[values.length / 2],
                values[0], values[values.length - 1]);
    }
}
