package com.example.bank.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.bank.PackagedService;
import com.example.bank.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Measures the packaged service as real clients use it (a bearer token and, by default, a fresh
 * {@code Idempotency-Key} on every transfer) against the database's own limit: the same transfers, at the
 * same concurrency, on the same database, through the service over HTTP and straight over JDBC, one
 * transaction per transfer. Workloads: uniform, Zipf s = 1.0 and s = 2.0 over many accounts, and two hot
 * accounts. Closed loop (each client sends its next transfer when the last is answered), then open loop:
 * transfers offered at fixed rates, latency measured from each one's intended send time, so that a stall
 * counts against every transfer it delayed (no coordinated omission). After each run it checks that money
 * was conserved and no balance went negative.
 * <p>
 * Run with {@code ./mvnw verify -Pbenchmark}; settings in {@link BenchmarkSettings}.
 */
public final class TransferBenchmark {

    private static final long BALANCE = 1_000_000_000;
    private static final Pattern RETRIES = Pattern.compile(
            "^ft_retry_retries_total\\{method=\"com.example.bank.database.RetriedTransactions.inNewTransaction\"} (\\S+)$", Pattern.MULTILINE);
    /** Owns every account of the benchmark; its token goes with every transfer. */
    private static final String CUSTOMER = "benchmark-customer";

    private final BenchmarkSettings settings;
    private final String url;
    private final Set<String> warmedUp = new HashSet<>();
    private PackagedService service;
    private OtlpSink collector;

    private TransferBenchmark(BenchmarkSettings settings, String url) {
        this.settings = settings;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        EmbeddedPostgres embedded = null;
        String url;
        if (settings.databaseUrl().isPresent()) {
            // exec:java runs in its own class loader, which DriverManager's service lookup does not search.
            Class.forName("org.postgresql.Driver");
            url = settings.databaseUrl().get();
        } else {
            embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            url = embedded.getJdbcUrl("postgres", "postgres");
        }
        try {
            new TransferBenchmark(settings, url).run();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private void run() throws Exception {
        System.out.printf("Transfer benchmark: %d clients, %d s warm-up (then %d s), %d s measured per run, database %s%n",
                settings.clients(), settings.warmupSeconds(), settings.rewarmSeconds(), settings.seconds(), url);
        Map<String, String> environment = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("BANK_") || name.startsWith("OTEL_")) {
                environment.put(name, value);
            }
        });
        System.out.println("Service settings from the environment: " + environment);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        environment.put("QUARKUS_DATASOURCE_USERNAME", settings.databaseUser());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", settings.databasePassword());
        environment.put("QUARKUS_LOG_LEVEL", "WARN");
        environment.putAll(PackagedService.devAuthSettings());
        if (!settings.javaOptions().isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", settings.javaOptions());
        }
        if (settings.tracing()) {
            collector = OtlpSink.start();
            environment.putAll(collector.serviceEnvironment());
        }
        PackagedService.migrate(environment);
        service = PackagedService.start(environment);
        List<Measurement> measurements = new ArrayList<>();
        try {
            service.awaitReady(Duration.ofSeconds(60));
            for (Workload workload : workloads()) {
                for (String keys : settings.keys()) {
                    measureWorkload(workload, keys, measurements);
                }
            }
        } finally {
            service.terminate();
            service.awaitExit(Duration.ofSeconds(60));
            if (collector != null) {
                collector.close();
            }
        }
        report(measurements);
    }

    private List<Workload> workloads() throws SQLException {
        List<Workload> workloads = new ArrayList<>();
        for (String name : settings.workloads()) {
            workloads.add(switch (name) {
                case "uniform" -> Workload.uniform(name, openAccounts(settings.accounts()));
                case "zipf1" -> Workload.zipf(name, openAccounts(settings.accounts()), 1.0);
                case "zipf2" -> Workload.zipf(name, openAccounts(settings.accounts()), 2.0);
                case "hot" -> Workload.uniform(name, openAccounts(2));
                default -> throw new IllegalArgumentException("unknown workload " + name + ": uniform, zipf1, zipf2 or hot");
            });
        }
        return workloads;
    }

    /** Direct first: later runs may be slowed by the ledger they grew, which then favours the database's limit. */
    private void measureWorkload(Workload workload, String keys, List<Measurement> measurements) throws Exception {
        boolean keyed = keys.equals("keyed");
        if (settings.paths().contains("direct")) {
            measurements.add(measure(workload, "direct", keys, Double.NaN, () -> new JdbcTransferClient(url,
                    settings.databaseUser(), settings.databasePassword(), settings.directRetries(), CUSTOMER, keyed)));
        }
        if (!settings.paths().contains("service")) {
            return;
        }
        ClientFactory http = () -> new HttpTransferClient(service.port(), Tokens.customer(CUSTOMER), keyed);
        Measurement closed = measure(workload, "service", keys, Double.NaN, http);
        measurements.add(closed);
        if (settings.loops().contains("open")) {
            for (double fraction : settings.openLoopFractions()) {
                measurements.add(measure(workload, "service", keys, Math.max(1, Math.round(fraction * closed.transfersPerSecond())), http));
            }
        }
    }

    private interface ClientFactory {
        TransferClient create() throws Exception;
    }

    /**
     * One run. Closed loop when {@code offeredRate} is NaN: each client sends its next transfer as soon as the
     * last is answered. Open loop otherwise: client i of n sends its k-th transfer at start + (k·n + i)/rate,
     * or at once if it is behind, and latency runs from that intended time.
     */
    private Measurement measure(Workload workload, String path, String keys, double offeredRate, ClientFactory clients)
            throws Exception {
        boolean open = !Double.isNaN(offeredRate);
        int warmup = warmedUp.add(path) ? settings.warmupSeconds() : settings.rewarmSeconds();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(settings.seconds());
        long interval = open ? (long) (1e9 * settings.clients() / offeredRate) : 0;
        AtomicLong transfers = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong clientRetries = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(settings.clients());
        List<Future<long[]>> latencies = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            long first = start + (open ? interval * i / settings.clients() : 0);
            latencies.add(threads.submit(() -> {
                LongList measured = new LongList();
                try (TransferClient client = clients.create()) {
                    for (long k = 0;; k++) {
                        long intended = open ? first + k * interval : System.nanoTime();
                        if (intended >= measureUntil) {
                            break;
                        }
                        if (open) {
                            sleepUntilNanos(intended);
                        }
                        UUID[] pair = workload.nextPair();
                        int retries = client.transfer(pair[0], pair[1], 1);
                        long done = System.nanoTime();
                        if (done >= measureFrom && done < measureUntil) {
                            if (retries < 0) {
                                failures.incrementAndGet();
                            } else {
                                transfers.incrementAndGet();
                                clientRetries.addAndGet(retries);
                                measured.add(done - intended);
                            }
                        }
                    }
                }
                return measured.toArray();
            }));
        }
        boolean viaService = path.equals("service");
        sleepUntilNanos(measureFrom);
        Duration driverCpuBefore = driverCpuTime();
        Duration serviceCpuBefore = viaService ? service.cpuTime() : Duration.ZERO;
        long serviceRetriesBefore = viaService ? serviceRetries() : 0;
        sleepUntilNanos(measureUntil);
        double driverCpuMillis = driverCpuTime().minus(driverCpuBefore).toNanos() / 1_000_000.0;
        double serviceCpuMillis = viaService ? service.cpuTime().minus(serviceCpuBefore).toNanos() / 1_000_000.0 : Double.NaN;
        long retries = viaService ? serviceRetries() - serviceRetriesBefore : 0;
        double serviceRss = viaService ? service.rssMegabytes() : Double.NaN;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> thread : latencies) {
            all.add(thread.get());
        }
        threads.shutdown();
        if (!viaService) {
            retries = clientRetries.get();
        }
        Measurement measurement = Measurement.of(workload.name(), path, keys, open ? "open" : "closed", offeredRate,
                settings.clients(), settings.seconds(), concat(all), transfers.get(), failures.get(), retries,
                serviceCpuMillis, driverCpuMillis, serviceRss);
        System.out.printf(Locale.ROOT, "  %-8s %-8s %-8s %-6s %8s %9.0f transfers/s  p50 %6.1f ms  p99 %7.1f ms  %d failed%n",
                measurement.workload(), measurement.path(), measurement.keys(), measurement.loop(),
                open ? String.format(Locale.ROOT, "%.0f/s", offeredRate) : "", measurement.transfersPerSecond(),
                measurement.p50Millis(), measurement.p99Millis(), measurement.failures());
        checkConservation(workload);
        return measurement;
    }

    /** This process's CPU: the load driver's clients (HTTP or JDBC), which share the machine with the rest. */
    private static Duration driverCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private long serviceRetries() throws IOException {
        Matcher line = RETRIES.matcher(service.getManagement("/q/metrics").body());
        return line.find() ? (long) Double.parseDouble(line.group(1)) : 0;
    }

    private List<UUID> openAccounts(int count) throws SQLException {
        try (Connection connection = connect()) {
            return BenchmarkAccounts.open(connection, CUSTOMER, BALANCE, count);
        }
    }

    private void checkConservation(Workload workload) throws SQLException {
        long expected = BALANCE * workload.accounts().size();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT sum(balance), min(balance) FROM account WHERE id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", workload.accounts().toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long sum = row.getLong(1);
                long min = row.getLong(2);
                if (sum != expected || min < 0) {
                    throw new IllegalStateException(workload.name() + ": money not conserved: sum " + sum
                            + " (expected " + expected + "), smallest balance " + min);
                }
            }
        }
    }

    private void report(List<Measurement> measurements) throws IOException {
        System.out.println();
        System.out.printf("%-8s %-8s %-8s %-7s %9s %12s %8s %8s %8s %9s %10s %9s %12s %11s %15s%n", "workload", "path",
                "keys", "loop", "offered/s", "transfers/s", "p50 ms", "p95 ms", "p99 ms", "failures", "retries/tx",
                "vs direct", "service cpu", "driver cpu", "service RSS MB");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            double ratio = measurements.stream()
                    .filter(other -> other.workload().equals(m.workload()) && other.keys().equals(m.keys())
                            && other.path().equals("direct"))
                    .findFirst().map(direct -> m.transfersPerSecond() / direct.transfersPerSecond()).orElse(Double.NaN);
            boolean viaService = m.path().equals("service");
            System.out.printf(Locale.ROOT, "%-8s %-8s %-8s %-7s %9s %12.0f %8.1f %8.1f %8.1f %9d %10.3f %9s %12s %11.2f %15s%n",
                    m.workload(), m.path(), m.keys(), m.loop(),
                    m.isClosedLoop() ? "" : String.format(Locale.ROOT, "%.0f", m.offeredRate()), m.transfersPerSecond(),
                    m.p50Millis(), m.p95Millis(), m.p99Millis(), m.failures(), m.retriesPerTransfer(),
                    viaService && !Double.isNaN(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "",
                    viaService ? String.format(Locale.ROOT, "%.2f", m.serviceCpuMillisPerTransfer()) : "",
                    m.driverCpuMillisPerTransfer(),
                    viaService ? String.format(Locale.ROOT, "%.0f", m.serviceRssMegabytes()) : "");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", m.workload());
            row.put("path", m.path());
            row.put("keys", m.keys());
            row.put("loop", m.loop());
            if (!m.isClosedLoop()) {
                row.put("offeredPerSecond", m.offeredRate());
            }
            row.put("clients", m.clients());
            row.put("seconds", m.seconds());
            row.put("transfers", m.transfers());
            row.put("transfersPerSecond", m.transfersPerSecond());
            row.put("p50Millis", m.p50Millis());
            row.put("p95Millis", m.p95Millis());
            row.put("p99Millis", m.p99Millis());
            row.put("failures", m.failures());
            row.put("retriesPerTransfer", m.retriesPerTransfer());
            if (viaService) {
                if (!Double.isNaN(ratio)) {
                    row.put("toDirectRatio", ratio);
                }
                row.put("serviceCpuMillisPerTransfer", m.serviceCpuMillisPerTransfer());
                row.put("serviceRssMegabytes", m.serviceRssMegabytes());
            }
            row.put("driverCpuMillisPerTransfer", m.driverCpuMillisPerTransfer());
            rows.add(row);
        }
        List<String> held = openLoopSummary(measurements);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings.toString());
        json.put("results", rows);
        json.put("openLoopHeld", held);
        if (collector != null) {
            System.out.printf("Tracing on: the stand-in collector received %d exports, %d bytes of spans%n",
                    collector.exports(), collector.bytes());
            json.put("tracing", Map.of("exports", collector.exports(), "bytes", collector.bytes()));
        }
        Files.createDirectories(settings.report().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.report().toFile(), json);
        System.out.println("Written to " + settings.report());
    }

    /** For each workload and key mode: the highest offered rate the service held with p99 under the bound. */
    private List<String> openLoopSummary(List<Measurement> measurements) {
        List<String> lines = new ArrayList<>();
        measurements.stream().filter(m -> !m.isClosedLoop()).map(m -> m.workload() + " " + m.keys()).distinct()
                .forEach(run -> {
                    double best = measurements.stream()
                            .filter(m -> !m.isClosedLoop() && (m.workload() + " " + m.keys()).equals(run))
                            .filter(m -> m.held(settings.p99BoundMillis()))
                            .mapToDouble(Measurement::offeredRate).max().orElse(Double.NaN);
                    lines.add(String.format(Locale.ROOT, "%s: %s", run, Double.isNaN(best) ? "no offered rate held"
                            : String.format(Locale.ROOT, "%.0f transfers/s held with p99 <= %.0f ms", best, settings.p99BoundMillis())));
                });
        if (!lines.isEmpty()) {
            System.out.println();
            System.out.println("Open loop, highest offered rate held (>= 95 % answered, no failure, p99 within the bound):");
            lines.forEach(line -> System.out.println("  " + line));
        }
        return lines;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, settings.databaseUser(), settings.databasePassword());
    }

    private static void sleepUntilNanos(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static long[] concat(List<long[]> arrays) {
        long[] all = new long[arrays.stream().mapToInt(array -> array.length).sum()];
        int at = 0;
        for (long[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        return all;
    }

    /** A growable list of longs, to record latencies without boxing. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
