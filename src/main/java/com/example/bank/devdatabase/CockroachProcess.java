package com.example.bank.devdatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away single-node CockroachDB for dev mode and tests, started from a {@code cockroach} binary:
 * in memory, insecure, on ports the operating system picks. Like {@code cockroach demo} and cockroach-go's
 * {@code testserver}, it learns the SQL address from {@code --listening-url-file}, which the node writes once it
 * accepts connections. Closing it stops the node and deletes its files.
 */
public final class CockroachProcess implements DevCockroachNode {

    private final Process process;
    private final Path directory;
    private final Path binary;
    private final String host;
    private final int port;

    private CockroachProcess(Process process, Path directory, Path binary, URI listening) {
        this.process = process;
        this.directory = directory;
        this.binary = binary;
        this.host = listening.getHost();
        this.port = listening.getPort();
    }

    /** Starts a node and creates the {@value #DATABASE} database; fails with the node's own output if it cannot. */
    public static CockroachProcess start(Path binary, Duration readinessTimeout) {
        Path directory;
        try {
            directory = Files.createTempDirectory("bank-cockroach-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path listeningUrlFile = directory.resolve("listening-url");
        Path log = directory.resolve("cockroach.log");
        List<String> command = List.of(binary.toString(), "start-single-node",
                "--insecure",
                "--store=type=mem,size=0.25",
                "--listen-addr=127.0.0.1:0",
                "--http-addr=127.0.0.1:0",
                "--listening-url-file=" + listeningUrlFile);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteRecursively(directory);
            throw new CockroachStartException("Could not run " + binary + ": " + e.getMessage(), e);
        }
        try {
            URI listening = awaitListeningUrl(process, listeningUrlFile, log, readinessTimeout);
            CockroachProcess node = new CockroachProcess(process, directory, binary, listening);
            node.createDatabase();
            return node;
        } catch (RuntimeException e) {
            stop(process);
            deleteRecursively(directory);
            throw e;
        }
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String sqlShellCommand() {
        return binary + " sql --insecure --host=" + host + ":" + port + " --database=" + DATABASE;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        stop(process);
        deleteRecursively(directory);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=disable";
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("defaultdb"), user(), "");
                Statement statement = connection.createStatement()) {
            // The node is new and in memory, so the database cannot exist yet (and PostgreSQL, which stands in for
            // CockroachDB in this project's tests, has no IF NOT EXISTS here).
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new CockroachStartException("CockroachDB started but the " + DATABASE + " database could not be "
                    + "created: " + e.getMessage(), e);
        }
    }

    private static URI awaitListeningUrl(Process process, Path file, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String previous = "";
        while (true) {
            // The node writes the file once it accepts SQL connections. A line read twice in a row, or ending
            // with its newline, is complete, not caught in the middle of the write.
            String content = read(file);
            if (!content.isBlank() && (content.endsWith("\n") || content.equals(previous))) {
                return URI.create(content.strip());
            }
            previous = content;
            if (!process.isAlive()) {
                throw new CockroachStartException("cockroach exited with status " + process.exitValue()
                        + " before accepting connections. Its output:\n" + read(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CockroachStartException("cockroach did not accept connections within " + timeout
                        + " (no listening URL in " + file + "). Its output:\n" + read(log));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CockroachStartException("Interrupted while waiting for cockroach", e);
            }
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // nothing left to clean
        }
    }
}
