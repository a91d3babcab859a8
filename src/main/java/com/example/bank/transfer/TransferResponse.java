package com.example.bank.transfer;

import java.time.Instant;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record TransferResponse(UUID id, UUID fromAccountId, UUID toAccountId, long amount, String currency,
        Instant createdAt) {

    public static TransferResponse of(Transfer transfer) {
        return new TransferResponse(transfer.id, transfer.fromAccountId, transfer.toAccountId, transfer.amount,
                transfer.currency, transfer.createdAt);
    }
}
