package com.example.bank.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.bank.account.Account;
import com.example.bank.account.AccountNotFoundException;
import com.example.bank.idempotency.IdempotencyKeyReusedException;
import com.example.bank.idempotency.IdempotencyRecord;
import com.example.bank.problem.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * One attempt at a batch of transfers (one, or several queued on the same lane, see {@link TransferLanes}):
 * one database transaction, committed when {@link #execute} returns.
 */
@ApplicationScoped
public class TransferTransaction {

    /**
     * Locks every account of the batch, then applies the transfers in the order they arrived. Each gets its
     * own outcome: a rule violation refuses that transfer only (its changes were never made: the rules are
     * checked before any balance moves), and the others commit.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<TransferOutcome> execute(List<PendingTransfer> batch) {
        Map<UUID, Account> accounts = lockAccounts(batch);
        List<TransferOutcome> outcomes = new ArrayList<>(batch.size());
        for (PendingTransfer pending : batch) {
            outcomes.add(execute(pending, accounts));
        }
        return outcomes;
    }

    /**
     * With an idempotency key, the answer is recorded in this same transaction: a transfer and its key commit
     * together or not at all. Rule violations are recorded too (as Stripe does), so a re-sent request gets the
     * same refusal rather than a different answer later. A key reused for another request is refused and
     * records nothing.
     */
    private static TransferOutcome execute(PendingTransfer pending, Map<UUID, Account> accounts) {
        TransferRequest request = pending.request();
        String subject = pending.initiatedBy();
        Optional<String> idempotencyKey = pending.idempotencyKey();
        if (idempotencyKey.isPresent()) {
            IdempotencyRecord previous = IdempotencyRecord.findByKey(subject, idempotencyKey.get());
            if (previous != null) {
                return replay(previous, request);
            }
        }
        try {
            Transfer transfer = apply(request, subject, accounts);
            idempotencyKey.ifPresent(key -> IdempotencyRecord.completed(subject, key, request.fromAccountId(),
                    request.toAccountId(), request.amount(), request.currency(), transfer.id).claim());
            return TransferOutcome.completed(transfer, false);
        } catch (ApiException rejection) {
            idempotencyKey.ifPresent(key -> IdempotencyRecord.rejected(subject, key, request.fromAccountId(),
                    request.toAccountId(), request.amount(), request.currency(), rejection).claim());
            return TransferOutcome.rejected(rejection, false);
        }
    }

    private static Transfer apply(TransferRequest request, String initiatedBy, Map<UUID, Account> accounts) {
        Account source = existing(accounts, request.fromAccountId());
        Account destination = existing(accounts, request.toAccountId());
        Transfer transfer = source.transfer(destination, request.amount(), request.currency(), initiatedBy);
        transfer.persist();
        return transfer;
    }

    private static TransferOutcome replay(IdempotencyRecord previous, TransferRequest request) {
        if (!previous.isFor(request.fromAccountId(), request.toAccountId(), request.amount(), request.currency())) {
            return TransferOutcome.rejected(new IdempotencyKeyReusedException(), false);
        }
        if (previous.transferId != null) {
            return TransferOutcome.completed(Transfer.findById(previous.transferId), true);
        }
        return TransferOutcome.rejected(previous.rejection(), true);
    }

    /**
     * Locks all the batch's rows in one statement, in id order. A fixed order means two transactions on the
     * same accounts queue up instead of deadlocking, and taking the write locks before reading the balances
     * turns most conflicts into a short wait rather than a serialization failure and a retry.
     */
    private static Map<UUID, Account> lockAccounts(List<PendingTransfer> batch) {
        SortedSet<UUID> ids = new TreeSet<>();
        for (PendingTransfer pending : batch) {
            ids.add(pending.request().fromAccountId());
            ids.add(pending.request().toAccountId());
        }
        // One positional parameter per id, the count rounded up to a power of two by repeating the last id: a
        // handful of distinct queries, each translated once and reused by Hibernate. A list parameter would
        // be translated again on every call, which costs more CPU than the rest of the transaction.
        List<Object> parameters = new ArrayList<>(ids);
        int size = parameters.size() <= 2 ? 2 : Integer.highestOneBit(parameters.size() - 1) << 1;
        while (parameters.size() < size) {
            parameters.add(ids.last());
        }
        String placeholders = IntStream.rangeClosed(1, size).mapToObj(i -> "?" + i).collect(Collectors.joining(", "));
        PanacheQuery<Account> query = Account.find("id in (" + placeholders + ")", Sort.ascending("id"), parameters.toArray());
        return query.withLock(LockModeType.PESSIMISTIC_WRITE).list().stream()
                .collect(Collectors.toMap(account -> account.id, Function.identity()));
    }

    private static Account existing(Map<UUID, Account> accounts, UUID id) {
        Account account = accounts.get(id);
        if (account == null) {
            throw new AccountNotFoundException(id);
        }
        return account;
    }
}
