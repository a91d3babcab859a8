package com.example.bank.transfer;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.example.bank.ledger.Transfer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A ledger entry: {@code kind} is {@code transfer} or {@code deposit} (which has no {@code fromAccountId}). */
@RegisterForReflection
public record TransferResponse(UUID id, String kind, UUID fromAccountId, UUID toAccountId, long amount,
        String currency, String initiatedBy, Instant createdAt) {

    public static TransferResponse of(Transfer transfer) {
        return new TransferResponse(transfer.id, transfer.kind.name().toLowerCase(Locale.ROOT), transfer.fromAccountId,
                transfer.toAccountId, transfer.amount, transfer.currency, transfer.initiatedBy, transfer.createdAt);
    }
}
