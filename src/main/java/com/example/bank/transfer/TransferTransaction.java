package com.example.bank.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.bank.database.PaddedInList;
import com.example.bank.database.TransactionConflictException;
import com.example.bank.database.TransactionFailure;
import com.example.bank.idempotency.IdempotencyConfig;
import com.example.bank.idempotency.IdempotencyKeyReusedException;
import com.example.bank.idempotency.RecordedAnswer;
import com.example.bank.ledger.Account;
import com.example.bank.ledger.AccountNotFoundException;
import com.example.bank.ledger.Transfer;
import com.example.bank.problem.ApiException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The work of one attempt at a batch of transfers (one, or several queued on the same lane, see
 * {@link TransferLanes}), inside the transaction that {@code RetriedTransactions} opens for that attempt.
 */
@ApplicationScoped
public class TransferTransaction {

    @Inject
    IdempotencyConfig idempotency;

    /**
     * Locks every account of the batch, then applies the transfers in the order they arrived. Each gets its
     * own outcome: a rule violation refuses that transfer only (its changes were never made: the rules are
     * checked before any balance moves), and the others commit.
     * <p>
     * Whatever the batch's size, it sends a fixed number of statements: the row locks, then at the end one
     * statement for the ledger rows ({@link LedgerRows}), and at commit one JDBC batch of balance updates. A
     * keyed batch and a keyless one send the same three and write the same rows: a keyed transfer's ledger row
     * has the id its key names, and that row is the key's record.
     * <p>
     * Keys are claimed optimistically: almost every key is new, so the batch does not look its answers up
     * first. A key answered before (a re-send) fails the attempt: its ledger row's insert on the primary key,
     * or the statement finds the key's recorded refusal and writes nothing. The transaction is then rolled back
     * and, as any conflict, run again, this time with the batch's keys looked up first ({@code keys}), which
     * answers the re-sent request from its first answer. A re-send costs one attempt more; every other keyed
     * batch saves the lookups.
     */
    @Transactional(TxType.MANDATORY)
    public List<TransferOutcome> apply(List<PendingTransfer> batch, KeyLookup keys) {
        Map<UUID, Account> accounts = lockAccounts(batch);
        Map<RecordedAnswer.Id, RecordedAnswer> answers = keys.needed() ? answersRecordedFor(keysOf(batch))
                : new HashMap<>();
        Map<UUID, Transfer> made = new HashMap<>(); // not in the database before the batch's rows are written
        LedgerRows rows = new LedgerRows(idempotency.keyRows());
        List<TransferOutcome> outcomes = new ArrayList<>(batch.size());
        for (PendingTransfer pending : batch) {
            Optional<RecordedAnswer.Id> key = keyOf(pending);
            RecordedAnswer previous = key.map(answers::get).orElse(null);
            if (previous != null) {
                outcomes.add(replay(previous, pending.request(), made));
                continue;
            }
            TransferOutcome outcome = attempt(pending, key.map(RecordedAnswer.Id::ledgerEntryId)
                    .orElseGet(UUID::randomUUID), accounts);
            outcomes.add(outcome);
            if (outcome instanceof TransferOutcome.Completed completed) {
                made.put(completed.transfer().id, completed.transfer());
                rows.transferMade(completed.transfer(), key);
            }
            key.ifPresent(id -> {
                RecordedAnswer answer = answerFor(id, pending.request(), outcome);
                answers.put(id, answer); // a copy of this request later in the batch replays it
                if (answer.transferId == null) {
                    rows.refusalRecorded(answer);
                }
            });
        }
        try {
            rows.write();
        } catch (RuntimeException e) {
            // A key recorded before: a unique violation, or at SERIALIZABLE a conflict when it was recorded by
            // a transaction this one cannot see.
            if (e instanceof TransactionConflictException || TransactionFailure.of(e) == TransactionFailure.CONFLICT) {
                keys.neededFromNowOn();
            }
            throw e;
        }
        return outcomes;
    }

    /**
     * Whether the attempts at one batch look its keys up before claiming them: not at first, and from the
     * attempt after one that found a key already recorded. One per batch, across its attempts.
     */
    public static final class KeyLookup {

        private boolean needed;

        boolean needed() {
            return needed;
        }

        void neededFromNowOn() {
            needed = true;
        }
    }

    /**
     * With an idempotency key, the answer is recorded in this same transaction: a transfer and its key commit
     * together or not at all. Rule violations are recorded too (as Stripe does), so a re-sent request gets the
     * same refusal rather than a different answer later. A key reused for another request is refused and
     * records nothing.
     */
    private static TransferOutcome attempt(PendingTransfer pending, UUID entryId, Map<UUID, Account> accounts) {
        try {
            return new TransferOutcome.Completed(moveMoney(pending.request(), entryId, pending.initiatedBy(), accounts),
                    false);
        } catch (ApiException rejection) {
            return new TransferOutcome.Rejected(rejection, false);
        }
    }

    private static Transfer moveMoney(TransferRequest request, UUID entryId, String initiatedBy,
            Map<UUID, Account> accounts) {
        Account source = existing(accounts, request.fromAccountId());
        Account destination = existing(accounts, request.toAccountId());
        return source.transfer(entryId, destination, request.amount(), request.currency(), initiatedBy);
    }

    /**
     * The answers given before to these keys, in two statements: the refusals (and the transfers recorded there
     * by earlier versions) from the key table, then the ledger rows whose ids the other keys name. Only a batch
     * whose optimistic attempt found a key answered before reads them.
     */
    private static Map<RecordedAnswer.Id, RecordedAnswer> answersRecordedFor(List<RecordedAnswer.Id> keys) {
        Map<RecordedAnswer.Id, RecordedAnswer> answers = RecordedAnswer.findAll(keys);
        Map<UUID, RecordedAnswer.Id> keysByEntry = keys.stream().filter(key -> !answers.containsKey(key))
                .collect(Collectors.toMap(RecordedAnswer.Id::ledgerEntryId, Function.identity()));
        if (!keysByEntry.isEmpty()) {
            List<Transfer> entries = Transfer.list("id in ?1", keysByEntry.keySet());
            for (Transfer entry : entries) {
                RecordedAnswer.Id key = keysByEntry.get(entry.id);
                answers.put(key, RecordedAnswer.completed(key, entry.fromAccountId, entry.toAccountId, entry.amount,
                        entry.currency, entry.id));
            }
        }
        return answers;
    }

    private static TransferOutcome replay(RecordedAnswer previous, TransferRequest request, Map<UUID, Transfer> made) {
        if (!previous.isFor(request.fromAccountId(), request.toAccountId(), request.amount(), request.currency())) {
            return new TransferOutcome.Rejected(new IdempotencyKeyReusedException(), false);
        }
        if (previous.transferId != null) {
            Transfer transfer = made.containsKey(previous.transferId) ? made.get(previous.transferId)
                    : Transfer.findById(previous.transferId);
            return new TransferOutcome.Completed(transfer, true);
        }
        return new TransferOutcome.Rejected(previous.rejection(), true);
    }

    private static RecordedAnswer answerFor(RecordedAnswer.Id key, TransferRequest request, TransferOutcome outcome) {
        if (outcome instanceof TransferOutcome.Rejected rejected) {
            return RecordedAnswer.rejected(key, request.fromAccountId(), request.toAccountId(), request.amount(),
                    request.currency(), rejected.rejection());
        }
        return RecordedAnswer.completed(key, request.fromAccountId(), request.toAccountId(), request.amount(),
                request.currency(), ((TransferOutcome.Completed) outcome).transfer().id);
    }

    private static Optional<RecordedAnswer.Id> keyOf(PendingTransfer pending) {
        return pending.idempotencyKey().map(key -> new RecordedAnswer.Id(pending.initiatedBy(), key));
    }

    private static List<RecordedAnswer.Id> keysOf(List<PendingTransfer> batch) {
        return batch.stream().map(TransferTransaction::keyOf).flatMap(Optional::stream).distinct().toList();
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
        // Positional parameters in a padded list rather than a list parameter, which Hibernate would translate
        // again on every call, at more CPU than the rest of the transaction.
        List<Object> parameters = PaddedInList.of(new ArrayList<>(ids));
        String placeholders = IntStream.rangeClosed(1, parameters.size()).mapToObj(i -> "?" + i)
                .collect(Collectors.joining(", "));
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
