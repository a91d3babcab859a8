package com.example.bank.devdatabase;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Chooses the database of dev mode and tests: a CockroachDB started from a {@code cockroach} binary when one
 * can be found, else a CockroachDB container when a Docker or Podman runtime answers, else the embedded
 * PostgreSQL at SERIALIZABLE that quarkus-embedded-postgresql starts.
 * <p>
 * {@code bank.dev-database} ({@code BANK_DEV_DATABASE}): {@code auto} (default), {@code cockroachdb} or
 * {@code postgresql}. {@code bank.dev-database.cockroach-binary} ({@code BANK_DEV_DATABASE_COCKROACH_BINARY})
 * names the binary; without it {@code cockroach} is looked up on the {@code PATH}.
 * {@code bank.dev-database.cockroach-image} ({@code BANK_DEV_DATABASE_COCKROACH_IMAGE}) names the image.
 * <p>
 * Inert in production: it only acts under the {@code dev} and {@code test} profiles. The node is started once
 * per JVM (dev-mode reloads and test restarts reuse it) and stopped, its files deleted, when the JVM exits.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(DevDatabaseConfigSourceFactory.class);
    static final String CHOICE = "bank.dev-database";
    static final String BINARY = "bank.dev-database.cockroach-binary";
    static final String IMAGE = "bank.dev-database.cockroach-image";
    static final String DEFAULT_IMAGE = "cockroachdb/cockroach:v25.2.0";
    /** Loaded by name: it needs Testcontainers, a {@code provided} dependency absent from production builds. */
    private static final String CONTAINER_NODE = "com.example.bank.devdatabase.CockroachContainerNode";
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
        String image = value(context, IMAGE).orElse(DEFAULT_IMAGE);
        Optional<String> jdbcUrl = startOnce(binary, image);
        if (jdbcUrl.isEmpty()) {
            if (choice.equals("cockroachdb")) {
                throw new CockroachStartException(CHOICE + "=cockroachdb, but no cockroach binary was found and no "
                        + "container runtime answered: put cockroach on the PATH, name it with " + BINARY
                        + " (BANK_DEV_DATABASE_COCKROACH_BINARY), or start Docker or Podman");
            }
            tellAboutFallback();
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl.get(),
                "quarkus.datasource.username", "root",
                "quarkus.datasource.password", "",
                // Build-time, like in production builds; Quarkus reads this source at build time too.
                "quarkus.hibernate-orm.dialect", COCKROACH_DIALECT), "CockroachDB dev database", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Optional<String> startOnce(Optional<Path> binary, String image) {
        if (binary.isPresent()) {
            return Optional.of(startOnce(binary.get().toString(), () -> CockroachProcess.start(binary.get(), READINESS_TIMEOUT)));
        }
        return containerNodeClass().map(containerNode -> startOnce(image, () -> startInContainer(containerNode, image)));
    }

    /**
     * Quarkus builds its configuration more than once and in more than one class loader (build, then run;
     * again on every dev-mode reload), so this class's statics are not one per JVM. The node's address is kept
     * in a system property, which is, and a later call for the same binary or image reuses the running node.
     */
    private static String startOnce(String source, Supplier<DevCockroachNode> start) {
        String key = RUNNING_NODE + "." + source;
        synchronized (System.class) {
            String running = System.getProperty(key);
            if (running != null) {
                return running;
            }
            DevCockroachNode node = start.get();
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop-dev-cockroachdb"));
            System.setProperty(key, node.jdbcUrl());
            LOG.infof("Dev database: CockroachDB from %s at %s. SQL shell: %s", source, node.jdbcUrl(), node.sqlShellCommand());
            return node.jdbcUrl();
        }
    }

    /** The container node's class when Testcontainers is on the class path and a container runtime answers. */
    private static Optional<Class<?>> containerNodeClass() {
        try {
            Class<?> containerNode = Class.forName(CONTAINER_NODE);
            return (boolean) containerNode.getMethod("runtimeAvailable").invoke(null) ? Optional.of(containerNode)
                    : Optional.empty();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Optional.empty(); // built without Testcontainers
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DevCockroachNode startInContainer(Class<?> containerNode, String image) {
        try {
            return (DevCockroachNode) containerNode.getConstructor(String.class).newInstance(image);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
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
        LOG.info("Dev database: no cockroach binary on the PATH and no container runtime, so the embedded "
                + "PostgreSQL runs at SERIALIZABLE instead. To run on CockroachDB, install it "
                + "(https://www.cockroachlabs.com/docs/stable/install-cockroachdb), set BANK_DEV_DATABASE_COCKROACH_BINARY, "
                + "or start Docker or Podman.");
    }

    static Optional<Path> onPath() {
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
