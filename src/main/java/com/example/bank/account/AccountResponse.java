package com.example.bank.account;

import java.time.Instant;
import java.util.UUID;

import com.example.bank.ledger.Account;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record AccountResponse(UUID id, String ownerId, String ownerName, String currency, long balance,
        Instant createdAt) {

    public static AccountResponse of(Account account) {
        return new AccountResponse(account.id, account.ownerId, account.ownerName, account.currency, account.balance,
                account.createdAt);
    }
}
