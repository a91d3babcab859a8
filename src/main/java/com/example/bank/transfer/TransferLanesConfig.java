package com.example.bank.transfer;

import java.time.Duration;

import com.example.bank.settings.SettingRange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Group commit settings (see {@link TransferLanes}); each can be given as {@code BANK_TRANSFER_…}. Checked at
 * start ({@link #checkRanges}): a value out of range stops the service with a message naming the setting.
 */
@ConfigMapping(prefix = "bank.transfer")
public interface TransferLanesConfig {

    /**
     * How many transactions this instance runs at once; keep it below the connection pool's size. Fewer lanes
     * make bigger batches (less CPU and fewer commits per transfer), more lanes let more run side by side.
     */
    @WithDefault("2")
    int lanes();

    /** At most this many queued transfers share one transaction. 1 turns group commit off. */
    @WithDefault("32")
    int batchMaxSize();

    /**
     * At most this many transfers wait on one lane; more are refused at once with 503 transfer-queue-full and
     * Retry-After. The default, with 32 per transaction, is about 30 transactions' worth of waiting.
     */
    @WithDefault("1000")
    int queueMaxSize();

    /**
     * A transfer that has not started by this long after it arrived is refused (503
     * transfer-deadline-exceeded, nothing changed) and never runs later. Keep it below the clients' HTTP
     * timeout, so that no transfer commits after its client gave up and, without a key, sent it again.
     */
    @WithDefault("10s")
    Duration deadline();

    /**
     * A lane busy with one batch for longer than this is stuck (a connection that hangs, a database that
     * stopped answering): readiness goes DOWN until it moves again. Lock waits and statements are bounded
     * ({@code BANK_DATABASE_LOCK_TIMEOUT}, {@code BANK_DATABASE_STATEMENT_TIMEOUT}), so a healthy lane never
     * gets near it.
     */
    @WithDefault("60s")
    Duration stuckAfter();

    /** Called by {@link TransferLanes} as it starts. */
    static void checkRanges(TransferLanesConfig config) {
        SettingRange.requireBetween("bank.transfer.lanes", config.lanes(), 1, 256);
        SettingRange.requireBetween("bank.transfer.batch-max-size", config.batchMaxSize(), 1, 1000);
        SettingRange.requireAtLeast("bank.transfer.queue-max-size", config.queueMaxSize(), 1);
        SettingRange.requireAtLeast("bank.transfer.deadline", config.deadline(), Duration.ofMillis(1));
        SettingRange.requireAtLeast("bank.transfer.stuck-after", config.stuckAfter(), Duration.ofMillis(1));
    }
}
