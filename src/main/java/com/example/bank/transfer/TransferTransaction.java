package com.example.bank.transfer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.bank.account.Account;
import com.example.bank.account.AccountNotFoundException;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** One attempt at a transfer: one database transaction, committed when this method returns. */
@ApplicationScoped
public class TransferTransaction {

    @Transactional(TxType.REQUIRES_NEW)
    public Transfer execute(TransferRequest request) {
        Map<UUID, Account> accounts = lockAccounts(request.fromAccountId(), request.toAccountId());
        Account source = existing(accounts, request.fromAccountId());
        Account destination = existing(accounts, request.toAccountId());
        Transfer transfer = source.transfer(destination, request.amount(), request.currency());
        transfer.persist();
        return transfer;
    }

    /**
     * Locks both rows in one statement, in id order. A fixed order means two opposite transfers queue up
     * instead of deadlocking, and taking the write locks before reading the balances turns most conflicts
     * into a short wait rather than a serialization failure and a retry.
     */
    private static Map<UUID, Account> lockAccounts(UUID first, UUID second) {
        List<Account> locked = Account.<Account> find("id in ?1", Sort.ascending("id"), List.of(first, second))
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
