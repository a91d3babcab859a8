package com.example.bank.benchmark;

import java.util.UUID;

/** One benchmark client: makes one transfer at a time, the way one user or connection would. */
interface TransferClient extends AutoCloseable {

    /** Retries the client itself made (the direct path); the service counts its own. -1 when it failed. */
    int transfer(UUID from, UUID to, long amount) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
