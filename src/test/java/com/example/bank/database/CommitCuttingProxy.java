package com.example.bank.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP proxy between the service and PostgreSQL that can break a connection at COMMIT, the way a network cut
 * or a crashed load balancer does: either before the COMMIT reaches the database (nothing is committed) or
 * after the database committed and before its answer reaches the service (committed, but the service cannot
 * know). Both give the service the same connection error.
 * <p>
 * It is also the test resource that puts itself in the datasource's path. The JDBC URL asks for unnamed
 * statements ({@code prepareThreshold=0}) so that every COMMIT travels as text the proxy can see.
 */
public class CommitCuttingProxy implements QuarkusTestResourceLifecycleManager {

    public enum Cut { NONE, BEFORE_COMMIT_REACHES_DATABASE, AFTER_DATABASE_COMMITS }

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicReference<Cut> ARMED = new AtomicReference<>(Cut.NONE);
    private static final AtomicInteger CUTS = new AtomicInteger();
    private static final AtomicInteger COMMITS_TO_LET_THROUGH = new AtomicInteger();

    private ServerSocket listener;

    /** Breaks the connection at the next COMMIT any connection sends. */
    public static void arm(Cut cut) {
        armAfter(0, cut);
    }

    /** Lets {@code commits} COMMITs through, then breaks the connection at the next one. */
    public static void armAfter(int commits, Cut cut) {
        COMMITS_TO_LET_THROUGH.set(commits);
        ARMED.set(cut);
    }

    public static int cuts() {
        return CUTS.get();
    }

    @Override
    public Map<String, String> start() {
        int databasePort = Integer.parseInt(System.getProperty("quarkus.embedded.postgresql.port"));
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> acceptLoop(databasePort), "commit-cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + listener.getLocalPort()
                + "/postgres?stringtype=unspecified&prepareThreshold=0");
    }

    @Override
    public void stop() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop(int databasePort) {
        while (!listener.isClosed()) {
            try {
                Socket service = listener.accept();
                Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
                Link link = new Link(service, database);
                start(link::serviceToDatabase);
                start(link::databaseToService);
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "commit-cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static final class Link {
        private final Socket service;
        private final Socket database;
        private volatile boolean cutAtNextAnswer;

        Link(Socket service, Socket database) {
            this.service = service;
            this.database = database;
        }

        void serviceToDatabase() {
            pump(service, database, true);
        }

        void databaseToService() {
            pump(database, service, false);
        }

        private void pump(Socket from, Socket to, boolean towardsDatabase) {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (towardsDatabase && contains(buffer, read, COMMIT)
                            && COMMITS_TO_LET_THROUGH.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
                        Cut cut = ARMED.getAndSet(Cut.NONE);
                        if (cut == Cut.BEFORE_COMMIT_REACHES_DATABASE) {
                            cut();
                            return;
                        }
                        cutAtNextAnswer = cut == Cut.AFTER_DATABASE_COMMITS;
                    } else if (!towardsDatabase && cutAtNextAnswer) {
                        cut();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the link was cut
            } finally {
                closeQuietly();
            }
        }

        private void cut() {
            CUTS.incrementAndGet();
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                service.close();
                database.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        private static boolean contains(byte[] buffer, int length, byte[] needle) {
            outer: for (int i = 0; i <= length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buffer[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
