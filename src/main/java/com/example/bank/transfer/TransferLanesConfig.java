package com.example.bank.transfer;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Group commit settings (see {@link TransferLanes}); each can be given as {@code BANK_TRANSFER_…}. Checked at
 * start: a value out of range stops the service with a message naming the setting.
 */
@ConfigMapping(prefix = "bank.transfer")
public interface TransferLanesConfig {

    /**
     * How many transactions this instance runs at once; keep it below the connection pool's size. Fewer lanes
     * make bigger batches (less CPU and fewer commits per transfer), more lanes let more run side by side.
     */
    @WithDefault("2")
    @Min(1)
    @Max(256)
    int lanes();

    /** At most this many queued transfers share one transaction. 1 turns group commit off. */
    @WithDefault("32")
    @Min(1)
    @Max(1000)
    int batchMaxSize();

    /**
     * At most this many transfers wait on one lane; more are refused at once with 503 transfer-queue-full and
     * Retry-After. The default, with 32 per transaction, is about 30 transactions' worth of waiting.
     */
    @WithDefault("1000")
    @Min(1)
    int queueMaxSize();

    /**
     * A transfer that has not started by this long after it arrived is refused (503
     * transfer-deadline-exceeded, nothing changed) and never runs later. Keep it below the clients' HTTP
     * timeout, so that no transfer commits after its client gave up and, without a key, sent it again.
     */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration deadline();

    /**
     * A lane busy with one batch for longer than this is stuck (a connection that hangs, a database that
     * stopped answering): readiness goes DOWN until it moves again. Lock waits and statements are bounded
     * ({@code BANK_DATABASE_LOCK_TIMEOUT}, {@code BANK_DATABASE_STATEMENT_TIMEOUT}), so a healthy lane never
     * gets near it.
     */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration stuckAfter();
}
