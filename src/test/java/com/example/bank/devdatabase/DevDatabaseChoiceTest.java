package com.example.bank.devdatabase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** The choice between a CockroachDB binary, a CockroachDB container and the embedded PostgreSQL. */
class DevDatabaseChoiceTest {

    private final DevDatabaseConfigSourceFactory factory = new DevDatabaseConfigSourceFactory();

    @Test
    void forcingCockroachDbWithoutABinaryOrAContainerRuntimeFailsAndSaysWhatToDo() {
        assumeFalse(DevDatabaseConfigSourceFactory.onPath().isPresent() || CockroachContainerNode.runtimeAvailable(),
                "this machine can start CockroachDB");

        CockroachStartException failure = assertThrows(CockroachStartException.class,
                () -> factory.getConfigSources(context("test", Map.of("bank.dev-database", "cockroachdb"))));

        assertTrue(failure.getMessage().contains("BANK_DEV_DATABASE_COCKROACH_BINARY"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Docker or Podman"), failure.getMessage());
    }

    @Test
    void refusesAnUnknownChoice() {
        assertThrows(IllegalArgumentException.class,
                () -> factory.getConfigSources(context("dev", Map.of("bank.dev-database", "mysql"))));
    }

    @Test
    void staysOutOfProduction() {
        assertFalse(factory.getConfigSources(context("prod", Map.of("bank.dev-database", "cockroachdb"))).iterator().hasNext());
    }

    @Test
    void withoutASocketDoesNotAskTestcontainers(@TempDir Path home) {
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")) || Files.exists(Path.of("/run/podman/podman.sock")),
                "this machine has a system-wide container socket");

        assertFalse(CockroachContainerNode.socketCandidateExists(Map.of(), home));
    }

    @Test
    void looksForAContainerRuntimeWhereDockerAndPodmanPutTheirSockets(@TempDir Path home) throws IOException {
        assertTrue(CockroachContainerNode.socketCandidateExists(Map.of("DOCKER_HOST", "tcp://build-host:2375"), home));

        Path runtimeDirectory = Files.createDirectories(home.resolve("run"));
        Files.createDirectories(runtimeDirectory.resolve("podman"));
        Files.createFile(runtimeDirectory.resolve("podman/podman.sock"));
        assertTrue(CockroachContainerNode.socketCandidateExists(Map.of("XDG_RUNTIME_DIR", runtimeDirectory.toString()), home));
    }

    private static ConfigSourceContext context(String profile, Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return List.of(profile);
            }
        };
    }
}
