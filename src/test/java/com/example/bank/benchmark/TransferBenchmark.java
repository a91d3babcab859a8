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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.bank.PackagedService;
import com.example.bank.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Measures the packaged service against the database's own limit: the same transfers, at the same
 * concurrency, on the same database, once through the service over HTTP and once straight over JDBC.
 * Two workloads: uniform (random pairs among many accounts) and hot (two accounts, both directions).
 * Afterwards it checks that money was conserved and no balance went negative.
 * <p>
 * Run with {@code ./mvnw verify -Pbenchmark}; settings in {@link BenchmarkSettings}.
 */
public final class TransferBenchmark {

    private static final long UNIFORM_BALANCE = 1_000_000;
    private static final long HOT_BALANCE = 1_000_000_000;
    /** Owns every account of the benchmark; its token goes with every transfer. */
    private static final String CUSTOMER = "benchmark-customer";
    private static final Pattern RETRIES = Pattern.compile(
            "^ft_retry_retries_total\\{method=\"com.example.bank.transfer.TransferRetry.transfer\"} (\\S+)$", Pattern.MULTILINE);

    private final BenchmarkSettings settings;
    private final String url;
    private PackagedService service;

    private TransferBenchmark(BenchmarkSettings settings, String url) {
        this.settings = settings;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        EmbeddedPostgres embedded = null;
        String url;
        if (settings.databaseUrl().isPresent()) {
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
        System.out.printf("Transfer benchmark: %d clients, %d s warm-up, %d s measured per run, database %s%n",
                settings.clients(), settings.warmupSeconds(), settings.seconds(), url);
        Map<String, String> environment = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("BANK_")) {
                environment.put(name, value);
            }
        });
        System.out.println("Service settings from the environment: " + environment);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        environment.put("QUARKUS_DATASOURCE_USERNAME", settings.databaseUser());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", settings.databasePassword());
        environment.put("QUARKUS_LOG_LEVEL", "WARN");
        environment.putAll(PackagedService.devAuthSettings());
        service = PackagedService.start(environment);
        List<Measurement> measurements = new ArrayList<>();
        try {
            service.awaitReady(Duration.ofSeconds(60));
            Workload uniform = new Workload("uniform", openAccounts(
                    settings.workloads().contains("uniform") ? settings.uniformAccounts() : 2, UNIFORM_BALANCE));
            Workload hot = new Workload("hot", openAccounts(2, HOT_BALANCE));
            for (Workload workload : List.of(uniform, hot)) {
                if (!settings.workloads().contains(workload.name())) {
                    continue;
                }
                // Direct first: every run grows the ledger and leaves dead row versions behind, and a later run
                // may be slower for it; this order gives any such advantage to the database's own limit.
                if (settings.paths().contains("direct")) {
                    measurements.add(measure(workload, "direct", () -> new JdbcTransferClient(url,
                            settings.databaseUser(), settings.databasePassword(), settings.directRetries())));
                    checkConservation(workload);
                }
                if (settings.paths().contains("service")) {
                    measurements.add(measure(workload, "service", () -> new HttpTransferClient(service.port(), Tokens.customer(CUSTOMER))));
                    checkConservation(workload);
                }
            }
        } finally {
            service.terminate();
            service.awaitExit(Duration.ofSeconds(60));
        }
        report(measurements);
    }

    private interface ClientFactory {
        TransferClient create() throws Exception;
    }

    private Measurement measure(Workload workload, String path, ClientFactory clients) throws Exception {
        Instant measureFrom = Instant.now().plusSeconds(settings.warmupSeconds());
        Instant measureUntil = measureFrom.plusSeconds(settings.seconds());
        AtomicLong transfers = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong clientRetries = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(settings.clients());
        List<Future<long[]>> latencies = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            latencies.add(threads.submit(() -> {
                LongList measured = new LongList();
                try (TransferClient client = clients.create()) {
                    Instant now = Instant.now();
                    while (now.isBefore(measureUntil)) {
                        UUID[] pair = workload.nextPair();
                        long start = System.nanoTime();
                        int retries = client.transfer(pair[0], pair[1], 1);
                        long took = System.nanoTime() - start;
                        now = Instant.now();
                        if (now.isAfter(measureFrom) && now.isBefore(measureUntil)) {
                            if (retries < 0) {
                                failures.incrementAndGet();
                            } else {
                                transfers.incrementAndGet();
                                clientRetries.addAndGet(retries);
                                measured.add(took);
                            }
                        }
                    }
                }
                return measured.toArray();
            }));
        }
        long serviceRetriesBefore = -1;
        long serviceRetriesAfter = -1;
        double serviceCpuMillis = Double.NaN;
        sleepUntil(measureFrom);
        Duration driverCpuBefore = driverCpuTime();
        Duration serviceCpuBefore = path.equals("service") ? service.cpuTime() : Duration.ZERO;
        if (path.equals("service")) {
            serviceRetriesBefore = serviceRetries();
        }
        sleepUntil(measureUntil);
        double driverCpuMillis = driverCpuTime().minus(driverCpuBefore).toNanos() / 1_000_000.0;
        if (path.equals("service")) {
            serviceCpuMillis = service.cpuTime().minus(serviceCpuBefore).toNanos() / 1_000_000.0;
            serviceRetriesAfter = serviceRetries();
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> thread : latencies) {
            all.add(thread.get());
        }
        threads.shutdown();
        long retries = path.equals("service") ? serviceRetriesAfter - serviceRetriesBefore : clientRetries.get();
        Measurement measurement = Measurement.of(workload.name(), path, settings.clients(), settings.seconds(),
                concat(all), transfers.get(), failures.get(), retries, serviceCpuMillis, driverCpuMillis);
        System.out.printf(Locale.ROOT, "  %-8s %-8s %9.0f transfers/s  p50 %6.1f ms  p99 %7.1f ms  %d failed%n",
                measurement.workload(), measurement.path(), measurement.transfersPerSecond(), measurement.p50Millis(),
                measurement.p99Millis(), measurement.failures());
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

    private List<UUID> openAccounts(int count, long balance) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO account "
                        + "(id, owner_id, owner_name, currency, balance, created_at) VALUES (?, ?, 'Benchmark', 'USD', ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, CUSTOMER);
                insert.setLong(3, balance);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
            connection.commit();
        }
        return ids;
    }

    private void checkConservation(Workload workload) throws SQLException {
        long expected = (workload.name().equals("hot") ? HOT_BALANCE : UNIFORM_BALANCE) * workload.accounts().size();
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
                System.out.printf("  %-8s conserved: sum %d, smallest balance %d%n", workload.name(), sum, min);
            }
        }
    }

    private void report(List<Measurement> measurements) throws IOException {
        System.out.println();
        System.out.printf("%-8s %-8s %8s %12s %9s %9s %9s %9s %12s %14s %15s %14s%n", "workload", "path", "clients",
                "transfers/s", "p50 ms", "p95 ms", "p99 ms", "failures", "retries/tx", "service/direct",
                "service cpu ms", "driver cpu ms");
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            double ratio = measurements.stream()
                    .filter(other -> other.workload().equals(m.workload()) && other.path().equals("direct"))
                    .findFirst().map(direct -> m.transfersPerSecond() / direct.transfersPerSecond()).orElse(Double.NaN);
            boolean viaService = m.path().equals("service");
            System.out.printf(Locale.ROOT, "%-8s %-8s %8d %12.0f %9.1f %9.1f %9.1f %9d %12.3f %14s %15s %14.2f%n",
                    m.workload(), m.path(), m.clients(), m.transfersPerSecond(), m.p50Millis(), m.p95Millis(),
                    m.p99Millis(), m.failures(), m.retriesPerTransfer(),
                    viaService ? String.format(Locale.ROOT, "%.2f", ratio) : "",
                    viaService ? String.format(Locale.ROOT, "%.2f", m.serviceCpuMillisPerTransfer()) : "",
                    m.driverCpuMillisPerTransfer());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", m.workload());
            row.put("path", m.path());
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
                    row.put("serviceToDirectRatio", ratio);
                }
                row.put("serviceCpuMillisPerTransfer", m.serviceCpuMillisPerTransfer());
            }
            row.put("driverCpuMillisPerTransfer", m.driverCpuMillisPerTransfer());
            rows.add(row);
        }
        json.put("settings", settings.toString());
        json.put("results", rows);
        Files.createDirectories(settings.report().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.report().toFile(), json);
        System.out.println("Written to " + settings.report());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, settings.databaseUser(), settings.databasePassword());
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
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
