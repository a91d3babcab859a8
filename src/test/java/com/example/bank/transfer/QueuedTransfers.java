package com.example.bank.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;

import com.example.bank.database.LockWaits;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.response.Response;

/** The transfers waiting on the lanes, as the service reports them ({@code bank.transfer.queued}). */
public final class QueuedTransfers {

    private QueuedTransfers() {
    }

    /**
     * Makes a lane's queue form on cue: a rival transaction holds {@code lockedAccount}'s row lock, the first
     * request's transaction waits for it, the other requests queue on the lane behind it; then the rival lets
     * go, and the queued requests share the lane's next transaction.
     */
    public static List<Future<Response>> sendWhileTheFirstWaits(AgroalDataSource dataSource, MeterRegistry registry,
            ExecutorService clients, UUID lockedAccount, List<Callable<Response>> requests) throws Exception {
        return sendWhileTheFirstWaits(dataSource, registry, clients, lockedAccount, requests, () -> null);
    }

    /** The same, running {@code whileStalled} once the requests have queued and before the rival lets go. */
    public static List<Future<Response>> sendWhileTheFirstWaits(AgroalDataSource dataSource, MeterRegistry registry,
            ExecutorService clients, UUID lockedAccount, List<Callable<Response>> requests, Callable<?> whileStalled)
            throws Exception {
        List<Future<Response>> sent = new ArrayList<>();
        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            try (PreparedStatement lock = rival.prepareStatement("SELECT balance FROM account WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, lockedAccount);
                lock.execute();
            }
            sent.add(clients.submit(requests.get(0)));
            LockWaits.awaitATransactionWaitingForALock(dataSource.getConnection());
            for (Callable<Response> request : requests.subList(1, requests.size())) {
                sent.add(clients.submit(request));
            }
            await(registry, requests.size() - 1);
            whileStalled.call();
            rival.rollback();
        }
        return sent;
    }

    /** Waits until at least {@code transfers} wait on the lanes. */
    public static void await(MeterRegistry registry, int transfers) {
        Awaitility.await(transfers + " transfers queued on the lanes").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> registry.get("bank.transfer.queued").gauge().value() >= transfers);
    }
}
