package com.example.bank.transfer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.bank.account.Account;
import com.example.bank.account.AccountNotFoundException;
import com.example.bank.idempotency.IdempotencyKeyReusedException;
import com.example.bank.idempotency.IdempotencyRecord;
import com.example.bank.problem.ApiException;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** One attempt at a transfer: one database transaction, committed when this method returns. */
@ApplicationScoped
public class TransferTransaction {

    /**
     * With an idempotency key, the answer is recorded in this same transaction: a transfer and its key commit
     * together or not at all. Rule violations are recorded too (as Stripe does), so a re-sent request gets the
     * same refusal rather than a different answer later.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public TransferOutcome execute(TransferRequest request, Optional<String> idempotencyKey) {
        if (idempotencyKey.isPresent()) {
            IdempotencyRecord previous = IdempotencyRecord.findById(idempotencyKey.get());
            if (previous != null) {
                return replay(previous, request);
            }
        }
        try {
            Transfer transfer = apply(request);
            idempotencyKey.ifPresent(key -> IdempotencyRecord.completed(key, request.fromAccountId(),
                    request.toAccountId(), request.amount(), request.currency(), transfer.id).claim());
            return TransferOutcome.completed(transfer, false);
        } catch (ApiException rejection) {
            if (idempotencyKey.isEmpty()) {
                throw rejection;
            }
            IdempotencyRecord.rejected(idempotencyKey.get(), request.fromAccountId(), request.toAccountId(),
                    request.amount(), request.currency(), rejection).claim();
            return TransferOutcome.rejected(rejection, false);
        }
    }

    private static Transfer apply(TransferRequest request) {
        Map<UUID, Account> accounts = lockAccounts(request.fromAccountId(), request.toAccountId());
        Account source = existing(accounts, request.fromAccountId());
        Account destination = existing(accounts, request.toAccountId());
        Transfer transfer = source.transfer(destination, request.amount(), request.currency());
        transfer.persist();
        return transfer;
    }

    private static TransferOutcome replay(IdempotencyRecord previous, TransferRequest request) {
        if (!previous.isFor(request.fromAccountId(), request.toAccountId(), request.amount(), request.currency())) {
            throw new IdempotencyKeyReusedException();
        }
        if (previous.transferId != null) {
            return TransferOutcome.completed(Transfer.findById(previous.transferId), true);
        }
        return TransferOutcome.rejected(previous.rejection(), true);
    }

    /**
     * Locks both rows in one statement, in id order. A fixed order means two opposite transfers queue up
     * instead of deadlocking, and taking the write locks before reading the balances turns most conflicts
     * into a short wait rather than a serialization failure and a retry.
     */
    private static Map<UUID, Account> lockAccounts(UUID first, UUID second) {
        // Two fixed parameters rather than a list: Hibernate then reuses the translated SQL on every call.
        List<Account> locked = Account.<Account> find("id in (?1, ?2)", Sort.ascending("id"), first, second)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        return locked.stream().collect(Collectors.toMap(account -> account.id, Function.identity()));
    }

    private static Account existing(Map<UUID, Account> accounts, UUID id) {
        Account account = accounts.get(id);
        if (account == null) {
            throw new AccountNotFoundException(id);
        }
        return account;
    }
}
