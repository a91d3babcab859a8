package com.example.bank.devdatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Executables named like {@code cockroach} that behave as the tests need. */
final class StandInCockroach {

    private StandInCockroach() {
    }

    /** Records its arguments and process id, then serves SQL like a real node ({@link FakeCockroach}). */
    static Path servingSql(Path directory) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return script(directory, "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + FakeCockroach.class.getName() + " \"$@\"");
    }

    /** Fails at once, as cockroach does on a bad flag or a port in use. */
    static Path failing(Path directory) {
        return script(directory, "echo 'ERROR: cannot listen on 127.0.0.1: address already in use' >&2\nexit 3");
    }

    /** Starts but never accepts connections. */
    static Path hanging(Path directory) {
        return script(directory, "exec sleep 600");
    }

    static Path arguments(Path directory) {
        return directory.resolve("arguments");
    }

    static long pid(Path directory) throws IOException {
        return Long.parseLong(Files.readString(directory.resolve("pid")).strip());
    }

    private static Path script(Path directory, String body) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("cockroach");
            Files.writeString(script, "#!/bin/sh\n"
                    + "printf '%s\\n' \"$@\" > '" + arguments(directory) + "'\n"
                    + "echo $$ > '" + directory.resolve("pid") + "'\n"
                    + body + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
