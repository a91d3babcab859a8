package com.example.bank.devdatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract with the {@code cockroach} CLI, checked against stand-in executables. */
class CockroachProcessTest {

    @TempDir
    Path directory;

    @Test
    void startsASingleInMemoryNodeOnFreePortsAndCreatesTheDatabase() throws Exception {
        Path binary = StandInCockroach.servingSql(directory);

        try (CockroachProcess node = CockroachProcess.start(binary, Duration.ofSeconds(60))) {
            List<String> arguments = Files.readAllLines(StandInCockroach.arguments(directory));
            assertEquals(List.of("start-single-node", "--insecure", "--store=type=mem,size=0.25",
                    "--listen-addr=127.0.0.1:0", "--http-addr=127.0.0.1:0",
                    "--listening-url-file=" + node.directory().resolve("listening-url")), arguments);
            try (Connection connection = DriverManager.getConnection(node.jdbcUrl(), node.user(), "");
                    ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
                row.next();
                assertEquals("bank", row.getString(1));
            }
            assertTrue(node.sqlShellCommand().startsWith(binary + " sql --insecure --host=127.0.0.1:"));
        }
    }

    @Test
    void stopsTheNodeAndDeletesItsFilesWhenClosed() throws Exception {
        CockroachProcess node = CockroachProcess.start(StandInCockroach.servingSql(directory), Duration.ofSeconds(60));
        long pid = StandInCockroach.pid(directory);
        String url = node.jdbcUrl();

        node.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the node still runs");
        assertFalse(Files.exists(node.directory()), "the node's files are left behind");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "root", "").close());
    }

    @Test
    void reportsANodeThatExitsWithItsOutput() throws IOException {
        List<Path> before = launcherDirectories();

        CockroachStartException failure = assertThrows(CockroachStartException.class,
                () -> CockroachProcess.start(StandInCockroach.failing(directory), Duration.ofSeconds(60)));

        assertTrue(failure.getMessage().contains("exited with status 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("address already in use"), failure.getMessage());
        assertEquals(before, launcherDirectories(), "the launcher left files behind");
    }

    @Test
    void givesUpOnANodeThatNeverAcceptsConnectionsAndStopsIt() throws IOException {
        List<Path> before = launcherDirectories();
        Instant start = Instant.now();

        CockroachStartException failure = assertThrows(CockroachStartException.class,
                () -> CockroachProcess.start(StandInCockroach.hanging(directory), Duration.ofSeconds(1)));

        assertTrue(failure.getMessage().contains("did not accept connections within PT1S"), failure.getMessage());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(15)) < 0, "it hung");
        long pid = StandInCockroach.pid(directory);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hanging node still runs");
        assertEquals(before, launcherDirectories(), "the launcher left files behind");
    }

    @Test
    void reportsABinaryThatCannotBeRun() {
        CockroachStartException failure = assertThrows(CockroachStartException.class,
                () -> CockroachProcess.start(directory.resolve("no-such-cockroach"), Duration.ofSeconds(5)));

        assertTrue(failure.getMessage().startsWith("Could not run"), failure.getMessage());
    }

    private static List<Path> launcherDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(path -> path.getFileName().toString().startsWith("bank-cockroach-")).sorted().toList();
        }
    }
}
