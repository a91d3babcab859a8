package com.example.bank.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.bank.database.DatabaseClock;
import com.example.bank.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account holding money in one currency, owned by one user (the subject of their tokens). Balances are
 * integer minor units (cents for USD), so arithmetic is exact. An account opens empty; every change goes
 * through {@link #deposit} or {@link #transfer}, which enforce the business rules and return the ledger
 * entry that explains the change.
 * <p>
 * Only the balance is updatable, so Hibernate's one UPDATE statement sets only it, and the updates of a
 * transaction go to the database as one JDBC batch. ({@code @DynamicUpdate} would also set only the balance,
 * but Hibernate never batches dynamic updates: one round trip per account.)
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    /** The subject ({@code sub}) of the owner's tokens: only they move the account's money. */
    @Column(name = "owner_id", nullable = false, updatable = false, length = 255)
    public String ownerId;

    /** For display; the owner is {@link #ownerId}. */
    @Column(name = "owner_name", nullable = false, updatable = false, length = 200)
    public String ownerName;

    /** ISO 4217 alphabetic code, e.g. {@code USD}. */
    @Column(nullable = false, updatable = false, length = 3)
    public String currency;

    /** Minor units of {@link #currency}; never negative (also enforced by a CHECK constraint). */
    @Column(nullable = false)
    public long balance;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** A new, empty account; money enters it by {@link #deposit}. */
    public static Account open(String ownerId, String ownerName, String currency) {
        Account account = new Account();
        account.ownerId = ownerId;
        account.ownerName = ownerName;
        account.currency = currency;
        account.balance = 0;
        account.createdAt = DatabaseClock.now();
        return account;
    }

    public boolean isOwnedBy(String subject) {
        return ownerId.equals(subject);
    }

    /** The account, if {@code ownerId} owns it. */
    public static Optional<Account> findOwned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResultOptional();
    }

    /**
     * Up to {@code limit} accounts, oldest first, after {@code after} when given; only {@code ownerId}'s when
     * it is given. Read from the (owner_id, created_at, id) or (created_at, id) index, seeking past the cursor.
     */
    public static List<Account> list(Optional<String> ownerId, Optional<Cursor> after, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        ownerId.ifPresent(owner -> {
            conditions.add("ownerId = :owner");
            parameters.and("owner", owner);
        });
        after.ifPresent(cursor -> {
            conditions.add("(createdAt, id) > (:createdAt, :id)");
            parameters.and("createdAt", cursor.createdAt()).and("id", cursor.id());
        });
        Sort oldestFirst = Sort.ascending("createdAt", "id");
        PanacheQuery<Account> query = conditions.isEmpty() ? findAll(oldestFirst)
                : find(String.join(" and ", conditions), oldestFirst, parameters);
        return query.range(0, limit - 1).list();
    }

    public Cursor cursor() {
        return new Cursor(createdAt, id);
    }

    /**
     * Puts {@code amount} minor units into this account from outside the bank (cash at a counter, an opening
     * deposit) and returns the ledger entry recording it (not yet persisted).
     */
    public Transfer deposit(long amount, String currency, String initiatedBy) {
        if (amount <= 0) {
            throw new InvalidAmountException("The amount must be a positive number of minor units.");
        }
        if (!this.currency.equals(currency)) {
            throw CurrencyMismatchException.forDeposit(currency, this.currency);
        }
        try {
            balance = Math.addExact(balance, amount);
        } catch (ArithmeticException e) {
            throw new BalanceOverflowException(id);
        }
        return Transfer.deposit(id, amount, currency, initiatedBy, DatabaseClock.now());
    }

    /**
     * Moves {@code amount} minor units from this account to {@code destination} for its owner,
     * {@code initiatedBy}, and returns the ledger entry recording it (not yet persisted). Either both balances
     * change or, on any rule violation, neither does. The rules, in the order they are checked, so that each
     * request gets one stable answer: the owner sends it (anyone else is told the account does not exist,
     * as if it did not: ids cannot be probed), a positive amount, two different accounts, one currency,
     * enough funds, no overflow of the destination.
     * <p>
     * The caller names the entry ({@code entryId}): a random id, or one derived from the request's idempotency
     * key, so that the ledger's own primary key is what lets a keyed request move money only once.
     */
    public Transfer transfer(UUID entryId, Account destination, long amount, String currency, String initiatedBy) {
        if (!isOwnedBy(initiatedBy)) {
            throw new AccountNotFoundException(id);
        }
        if (amount <= 0) {
            throw new InvalidAmountException("The amount must be a positive number of minor units.");
        }
        if (id.equals(destination.id)) {
            throw new SameAccountException(id);
        }
        if (!this.currency.equals(currency) || !destination.currency.equals(currency)) {
            throw new CurrencyMismatchException(currency, this.currency, destination.currency);
        }
        if (balance < amount) {
            throw new InsufficientFundsException(id);
        }
        long newDestinationBalance;
        try {
            newDestinationBalance = Math.addExact(destination.balance, amount);
        } catch (ArithmeticException e) {
            throw new BalanceOverflowException(destination.id);
        }
        balance = Math.subtractExact(balance, amount);
        destination.balance = newDestinationBalance;
        return Transfer.transfer(entryId, id, destination.id, amount, currency, initiatedBy, DatabaseClock.now());
    }
}
