package com.example.bank.devdatabase;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Chooses the database of dev mode and tests: a CockroachDB started from a {@code cockroach} binary when one
 * can be found, otherwise the embedded PostgreSQL at SERIALIZABLE that quarkus-embedded-postgresql starts.
 * <p>
 * {@code bank.dev-database} ({@code BANK_DEV_DATABASE}): {@code auto} (default), {@code cockroachdb} or
 * {@code postgresql}. {@code bank.dev-database.cockroach-binary} ({@code BANK_DEV_DATABASE_COCKROACH_BINARY})
 * names the binary; without it {@code cockroach} is looked up on the {@code PATH}.
 * <p>
 * Inert in production: it only acts under the {@code dev} and {@code test} profiles. The node is started once
 * per JVM (dev-mode reloads and test restarts reuse it) and stopped, its files deleted, when the JVM exits.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(DevDatabaseConfigSourceFactory.class);
    static final String CHOICE = "bank.dev-database";
    static final String BINARY = "bank.dev-database.cockroach-binary";
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 275;

    static final String COCKROACH_DIALECT = "org.hibernate.dialect.CockroachDialect";
    private static final String RUNNING_NODE = "bank.dev-database.running-node-url";
    private static final String FALLBACK_ANNOUNCED = "bank.dev-database.fallback-announced";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            return List.of();
        }
        String choice = value(context, CHOICE).orElse("auto");
        if (choice.equals("postgresql")) {
            return List.of();
        }
        if (!choice.equals("auto") && !choice.equals("cockroachdb")) {
            throw new IllegalArgumentException(CHOICE + " must be auto, cockroachdb or postgresql, not " + choice);
        }
        Optional<Path> binary = value(context, BINARY).map(Path::of).or(DevDatabaseConfigSourceFactory::onPath);
        if (binary.isEmpty()) {
            if (choice.equals("cockroachdb")) {
                throw new CockroachStartException(CHOICE + "=cockroachdb, but no cockroach binary was found: put it "
                        + "on the PATH or name it with " + BINARY + " (BANK_DEV_DATABASE_COCKROACH_BINARY)");
            }
            tellAboutFallback();
            return List.of();
        }
        String jdbcUrl = startOnce(binary.get());
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", "root",
                "quarkus.datasource.password", "",
                // Build-time, like in production builds; Quarkus reads this source at build time too.
                "quarkus.hibernate-orm.dialect", COCKROACH_DIALECT), "CockroachDB dev database", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * Quarkus builds its configuration more than once and in more than one class loader (build, then run;
     * again on every dev-mode reload), so this class's statics are not one per JVM. The node's address is kept
     * in a system property, which is, and a later call reuses the running node.
     */
    private static String startOnce(Path binary) {
        synchronized (System.class) {
            String running = System.getProperty(RUNNING_NODE);
            if (running != null) {
                return running;
            }
            CockroachProcess node = CockroachProcess.start(binary, READINESS_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop-dev-cockroachdb"));
            System.setProperty(RUNNING_NODE, node.jdbcUrl());
            LOG.infof("Dev database: CockroachDB from %s at %s. SQL shell: %s", binary, node.jdbcUrl(),
                    node.sqlShellCommand());
            return node.jdbcUrl();
        }
    }

    /** Once per JVM, for the same reason as {@link #startOnce}. */
    private static void tellAboutFallback() {
        synchronized (System.class) {
            if (System.getProperty(FALLBACK_ANNOUNCED) != null) {
                return;
            }
            System.setProperty(FALLBACK_ANNOUNCED, "true");
        }
        LOG.info("Dev database: no cockroach binary on the PATH, so the embedded PostgreSQL runs at SERIALIZABLE "
                + "instead. To run on CockroachDB, install it (https://www.cockroachlabs.com/docs/stable/install-cockroachdb) "
                + "or set BANK_DEV_DATABASE_COCKROACH_BINARY.");
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "cockroach"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
