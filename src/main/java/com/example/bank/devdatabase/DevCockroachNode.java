package com.example.bank.devdatabase;

/** A throw-away CockroachDB node for dev mode and tests, with a {@code bank} database, however it was started. */
public interface DevCockroachNode extends AutoCloseable {

    String DATABASE = "bank";

    String jdbcUrl();

    /** The user the service connects as; an insecure node has no passwords. */
    default String user() {
        return "root";
    }

    /** What a developer runs to look at the data. */
    String sqlShellCommand();

    /** Stops the node and removes what it left behind. */
    @Override
    void close();
}
