package com.example.bank;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged service (the fast-jar, or the native executable) as an operator runs it: its own process,
 * configured by environment variables only, stopped with SIGTERM. The API and the management interface
 * (health, metrics) listen on two free ports.
 */
public final class PackagedService implements AutoCloseable {

    /** The settings of the migration step, as the README gives them. */
    public static final Map<String, String> MIGRATE_AND_EXIT = Map.of("BANK_MIGRATE_AT_START", "true",
            "QUARKUS_INIT_AND_EXIT", "true");

    /** The fast-jar, or the native executable when built with -Dnative (see the pom's packaged.runner). */
    private static final Path RUNNER = Path.of(System.getProperty("packaged.runner", "target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    private final int port;
    private final int managementPort;
    private final List<String> output = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the service's process has used so far, user and system, on all its threads. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not report a process's CPU time"));
    }

    /** The service's resident set size now, in MB, from /proc (Linux). */
    public double rssMegabytes() throws IOException {
        return memoryMegabytes("VmRSS");
    }

    /** One memory field of the service's /proc status (VmRSS, RssAnon, RssFile, ...), in MB. */
    public double memoryMegabytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("/proc/" + pid() + "/status has no " + field + " line");
    }

    private PackagedService(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        Thread reader = new Thread(this::readOutput, "packaged-service-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The token settings of the tests ({@link PackagedAppSettings}), as environment variables (BANK_AUTH_…). */
    public static Map<String, String> devAuthSettings() {
        Map<String, String> variables = new HashMap<>();
        PackagedAppSettings.devAuthProperties().forEach((property, value) ->
                variables.put(property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
        return variables;
    }

    /** What an operator gives the jar: a PostgreSQL on this port (database and user postgres) and the token settings. */
    public static Map<String, String> productionSettings(int databasePort) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", ""));
        variables.putAll(devAuthSettings());
        return variables;
    }

    public static PackagedService start(Map<String, String> environment) {
        return start(List.of(ProcessHandle.current().info().command().orElse("java")), environment);
    }

    /**
     * The migration step an operator runs before starting a new version (README, Upgrading): the same jar
     * with the same settings, told to migrate the schema and exit. Fails with its output unless it exits 0.
     */
    public static void migrate(Map<String, String> environment) {
        Map<String, String> migrating = new HashMap<>(environment);
        migrating.putAll(MIGRATE_AND_EXIT);
        try (PackagedService migration = start(migrating)) {
            int status = migration.awaitExit(Duration.ofSeconds(60));
            if (status != 0) {
                throw new AssertionError("the migration step exited with " + status + ":\n" + migration.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java}: the JVM to run the jar with, and its options (ignored for a native executable). */
    public static PackagedService start(List<String> java, Map<String, String> environment) {
        if (!Files.exists(RUNNER)) {
            throw new IllegalStateException(RUNNER + " is missing: run through `./mvnw verify`, which packages first");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        if (RUNNER.toString().endsWith(".jar")) {
            command.addAll(java);
            command.add("-jar");
        }
        command.add(RUNNER.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BANK_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        builder.environment().put("BANK_HTTP_PORT", String.valueOf(port));
        builder.environment().put("BANK_MANAGEMENT_PORT", String.valueOf(managementPort));
        try {
            return new PackagedService(builder.start(), port, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the readiness check answers 200. */
    public void awaitReady(Duration timeout) {
        awaitManagementStatus("/q/health/ready", 200, timeout);
    }

    /** Polls a path of the management interface until it answers with the status; returns how long that took. */
    public Duration awaitManagementStatus(String path, int status, Duration timeout) {
        Instant start = Instant.now();
        try {
            await(path + " answering " + status).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + output());
                        }
                        return getManagement(path).statusCode() == status;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the service's output:\n" + output(), e);
        }
        return Duration.between(start, Instant.now());
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Health and metrics. */
    public HttpResponse<String> getManagement(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(managementPort, path)).GET());
    }

    public HttpResponse<String> post(String path, String json, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** SIGTERM, as a container runtime or systemd sends it. */
    public void terminate() {
        process.destroy();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    public List<String> outputLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** A port nothing listens on (free when this returns). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
