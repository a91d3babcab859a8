package com.example.bank.devdatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Stands in for {@code cockroach start-single-node} where no CockroachDB binary exists: accepts its flags,
 * serves SQL over the PostgreSQL wire protocol (an embedded PostgreSQL with CockroachDB's {@code root} user
 * and {@code defaultdb} database), writes the listening URL to {@code --listening-url-file} once it accepts
 * connections, and runs until it is terminated.
 */
public final class FakeCockroach {

    private FakeCockroach() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || !arguments.get(0).equals("start-single-node") || !arguments.contains("--insecure")) {
            System.err.println("ERROR: fake cockroach: expected start-single-node --insecure, got " + arguments);
            System.exit(2);
        }
        Path listeningUrlFile = arguments.stream().filter(argument -> argument.startsWith("--listening-url-file="))
                .map(argument -> Path.of(argument.substring("--listening-url-file=".length())))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no --listening-url-file"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE root SUPERUSER LOGIN");
            statement.execute("CREATE DATABASE defaultdb OWNER root");
        }
        Files.writeString(listeningUrlFile, "postgresql://root@127.0.0.1:" + postgres.getPort()
                + "/defaultdb?sslmode=disable\n", StandardCharsets.UTF_8);
        System.out.println("CockroachDB node starting (fake, serving PostgreSQL on port " + postgres.getPort() + ")");
        Thread.currentThread().join();
    }
}
