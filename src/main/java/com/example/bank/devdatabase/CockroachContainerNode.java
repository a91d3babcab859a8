package com.example.bank.devdatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.cockroachdb.CockroachContainer;

/**
 * A throw-away single-node CockroachDB in a container (Docker or Podman), through the Testcontainers
 * CockroachDB module. Testcontainers is a {@code provided} dependency: present in dev mode and tests, absent
 * from production builds, which is why {@link DevDatabaseConfigSourceFactory} loads this class by name.
 */
public final class CockroachContainerNode implements DevCockroachNode {

    private final CockroachContainer container;

    public CockroachContainerNode(String image) {
        container = new CockroachContainer(image).withDatabaseName(DATABASE);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new CockroachStartException("Could not start CockroachDB in a container from " + image + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a container runtime answers. Asking Testcontainers when there is no socket at all makes it log
     * errors for every strategy it tries, so it is asked only when a socket or a configured host exists.
     */
    public static boolean runtimeAvailable() {
        return socketCandidateExists(System.getenv(), Path.of(System.getProperty("user.home")))
                && DockerClientFactory.instance().isDockerAvailable();
    }

    static boolean socketCandidateExists(Map<String, String> environment, Path home) {
        if (environment.containsKey("DOCKER_HOST") || Files.exists(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        Stream<Path> wellKnown = Stream.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".rd/docker.sock"), home.resolve(".colima/default/docker.sock"));
        Stream<Path> userRuntime = Optional.ofNullable(environment.get("XDG_RUNTIME_DIR"))
                .map(directory -> List.of(Path.of(directory, "podman/podman.sock"), Path.of(directory, "docker.sock")))
                .orElse(List.of()).stream();
        return Stream.concat(wellKnown, userRuntime).anyMatch(Files::exists);
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String sqlShellCommand() {
        return "docker exec -it " + container.getContainerId() + " ./cockroach sql --insecure --database=" + DATABASE;
    }

    @Override
    public void close() {
        container.stop();
    }
}
