package com.example.bank.database;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL and CockroachDB store microseconds; truncating keeps what we return equal to what we store. */
public final class DatabaseClock {

    private DatabaseClock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
