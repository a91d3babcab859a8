package com.example.bank.database;

import java.time.Duration;

import com.example.bank.settings.SettingRange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on how long one statement may wait, set on every connection of the pool ({@code BANK_DATABASE_…}).
 * Without them a row lock held elsewhere (an operator's open session, a stuck client of the same database)
 * stalls the lane that needs that row for as long as it is held. 0 turns a bound off.
 */
@ConfigMapping(prefix = "bank.database")
public interface DatabaseSessionConfig {

    /**
     * Longest wait for a row lock. The service's own transactions hold their locks for milliseconds, so a
     * longer wait means a lock held elsewhere; the transfer is then refused (503 database-timeout, nothing
     * changed) rather than held until its deadline.
     */
    @WithDefault("2s")
    Duration lockTimeout();

    /** Longest run of one statement, lock waits included; keep it above the lock timeout. */
    @WithDefault("10s")
    Duration statementTimeout();

    /** Called by {@link DatabaseSessionSettings} as it starts. */
    static void checkRanges(DatabaseSessionConfig config) {
        SettingRange.requireAtLeast("bank.database.lock-timeout", config.lockTimeout(), Duration.ZERO);
        SettingRange.requireAtLeast("bank.database.statement-timeout", config.statementTimeout(), Duration.ZERO);
    }
}
