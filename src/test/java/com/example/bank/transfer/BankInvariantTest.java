package com.example.bank.transfer;

import static com.example.bank.BankApi.openAccount;
import static com.example.bank.BankApi.ownerOf;
import static com.example.bank.BankApi.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.example.bank.database.TransactionFailure;
import com.example.bank.idempotency.KeyedLedgerEntries;
import com.example.bank.idempotency.RecordedAnswer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Jepsen's "bank" workload against the running service: writers make random transfers among a few accounts,
 * each owned by its own customer, over HTTP with the owner's token, while readers read every balance in one
 * transaction. Every read must see the initial total and no negative balance; at the end the ledger must hold
 * exactly the transfers the service acknowledged, each recorded as made by its source account's owner, and
 * every balance must be the sum of its account's ledger entries (the teller's opening deposit included).
 */
@QuarkusTest
class BankInvariantTest {

    private static final Logger LOG = Logger.getLogger(BankInvariantTest.class);

    private static final int ACCOUNTS = 5;
    private static final long OPENING_BALANCE = 1_000;
    private static final int WRITERS = 8;
    private static final int TRANSFERS_PER_WRITER = 100;
    private static final int READERS = 2;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void moneyIsNeitherCreatedNorLostUnderConcurrentTransfers() throws Exception {
        runBankWorkload("without keys", (from, to, amount) -> List.of(transfer(from, to, amount, "USD")));
    }

    /**
     * The same workload by clients that lose responses: every transfer has its own idempotency key and is sent
     * one to three times. Each key must come to one answer and at most one ledger row.
     */
    @Test
    void moneyIsNeitherCreatedNorLostWhenClientsReSendWithKeys() throws Exception {
        Map<RecordedAnswer.Id, List<Response>> answersByKey = new ConcurrentHashMap<>();
        AtomicInteger resends = new AtomicInteger();
        runBankWorkload("with keys and re-sends", (from, to, amount) -> {
            String key = UUID.randomUUID().toString();
            int sends = 1 + ThreadLocalRandom.current().nextInt(3);
            resends.addAndGet(sends - 1);
            List<Response> answers = new ArrayList<>();
            for (int i = 0; i < sends; i++) {
                answers.add(transfer(from, to, amount, "USD", key));
            }
            answersByKey.put(new RecordedAnswer.Id(ownerOf(from), key), answers);
            return answers;
        });

        Map<RecordedAnswer.Id, UUID> transferByKey;
        try (Connection connection = dataSource.getConnection()) {
            transferByKey = KeyedLedgerEntries.of(connection, answersByKey.keySet());
        }
        for (Map.Entry<RecordedAnswer.Id, List<Response>> answers : answersByKey.entrySet()) {
            // 503 (contention) means nothing was done and nothing recorded: the next send decides.
            List<Response> decided = answers.getValue().stream().filter(answer -> answer.statusCode() != 503).toList();
            Set<String> distinct = decided.stream()
                    .map(answer -> answer.statusCode() + " " + answer.asString()).collect(Collectors.toSet());
            assertTrue(distinct.size() <= 1, "one key, several answers: " + distinct);
            if (decided.isEmpty()) {
                assertNull(transferByKey.get(answers.getKey()), "a key that was never answered has a transfer");
                continue;
            }
            Response answer = decided.get(0);
            if (answer.statusCode() == 201) {
                assertEquals(UUID.fromString(answer.path("id")), transferByKey.get(answers.getKey()));
            } else {
                assertNull(transferByKey.get(answers.getKey()), "a refused key has a transfer");
            }
        }
        LOG.infof("Bank invariant with keys: %d keys, %d re-sends, %d keys with a transfer", answersByKey.size(),
                resends.get(), transferByKey.size());
    }

    /** One logical transfer as a client makes it: every HTTP answer it got, in order. */
    @FunctionalInterface
    interface Client {
        List<Response> transfer(UUID from, UUID to, long amount);
    }

    private void runBankWorkload(String name, Client client) throws Exception {
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(openAccount("jepsen-customer-" + i, "USD", OPENING_BALANCE));
        }
        long total = ACCOUNTS * OPENING_BALANCE;
        RetryMetrics metrics = new RetryMetrics(registry);
        long retriesBefore = metrics.retries();

        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger abortedReads = new AtomicInteger();
        List<String> badReads = new ArrayList<>();

        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(threads.submit(() -> {
                while (writing.get()) {
                    try {
                        Map<UUID, Long> balances = readAllBalances(accounts);
                        long sum = balances.values().stream().mapToLong(Long::longValue).sum();
                        if (sum != total || balances.values().stream().anyMatch(balance -> balance < 0)) {
                            synchronized (badReads) {
                                badReads.add(balances.toString());
                            }
                        }
                        reads.incrementAndGet();
                    } catch (SQLException e) {
                        if (TransactionFailure.of(e) != TransactionFailure.CONFLICT) {
                            throw e;
                        }
                        abortedReads.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(threads.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < TRANSFERS_PER_WRITER; i++) {
                    UUID from = accounts.get(random.nextInt(ACCOUNTS));
                    UUID to = accounts.get(random.nextInt(ACCOUNTS));
                    if (from.equals(to)) {
                        continue;
                    }
                    for (Response response : client.transfer(from, to, 1 + random.nextInt(400))) {
                        outcomes.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 201) {
                            acknowledged.add(UUID.fromString(response.path("id")));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(5, TimeUnit.MINUTES);
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }
        threads.shutdown();

        long retries = metrics.retries() - retriesBefore;
        LOG.infof("Bank invariant (%s): %d transfers acknowledged, answers by HTTP status %s, %d retries, "
                + "%d consistent reads (%d reads aborted by the database)",
                name, acknowledged.size(), outcomes, retries, reads.get(), abortedReads.get());

        assertEquals(List.of(), badReads, "a read saw money created or lost, or a negative balance");
        assertTrue(reads.get() > 0, "no read completed while transfers ran");
        assertTrue(Set.of(201, 422, 503).containsAll(outcomes.keySet()),
                "only acknowledgements, insufficient funds and exhausted retries are expected: " + outcomes);
        assertTrue(acknowledged.size() > WRITERS * TRANSFERS_PER_WRITER / 3, "too few transfers succeeded: " + outcomes);
        assertEquals(acknowledged, ledgerOf(accounts), "the ledger differs from the acknowledged transfers");
        assertEquals(List.of(), transfersNotInitiatedByTheOwner(accounts), "a transfer recorded with another initiator");
        Map<UUID, Long> balances = readAllBalances(accounts);
        assertEquals(balancesFromLedger(accounts), balances, "balances differ from what the ledger adds up to");
        assertEquals(total, balances.values().stream().mapToLong(Long::longValue).sum());
    }

    private Map<UUID, Long> readAllBalances(List<UUID> accounts) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("SELECT id, balance FROM account WHERE id = ANY (?)")) {
                query.setArray(1, uuidArray(connection, accounts));
                Map<UUID, Long> balances = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        balances.put(rows.getObject("id", UUID.class), rows.getLong("balance"));
                    }
                }
                connection.commit();
                return balances;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private Set<UUID> ledgerOf(List<UUID> accounts) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM transfer WHERE kind = 'TRANSFER' AND (from_account_id = ANY (?) OR to_account_id = ANY (?))")) {
            Array array = uuidArray(connection, accounts);
            query.setArray(1, array);
            query.setArray(2, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject("id", UUID.class));
                }
            }
        }
        return ids;
    }

    private List<UUID> transfersNotInitiatedByTheOwner(List<UUID> accounts) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT t.id FROM transfer t "
                        + "JOIN account source ON source.id = t.from_account_id "
                        + "WHERE t.from_account_id = ANY (?) AND t.initiated_by <> source.owner_id")) {
            query.setArray(1, uuidArray(connection, accounts));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject("id", UUID.class));
                }
            }
        }
        return ids;
    }

    /** From the ledger alone: deposits and transfers in, minus transfers out. */
    private Map<UUID, Long> balancesFromLedger(List<UUID> accounts) throws SQLException {
        Map<UUID, Long> balances = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT from_account_id, to_account_id, amount "
                        + "FROM transfer WHERE from_account_id = ANY (?) OR to_account_id = ANY (?)")) {
            Array array = uuidArray(connection, accounts);
            query.setArray(1, array);
            query.setArray(2, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long amount = rows.getLong("amount");
                    UUID from = rows.getObject("from_account_id", UUID.class);
                    if (from != null) {
                        balances.merge(from, -amount, Long::sum);
                    }
                    balances.merge(rows.getObject("to_account_id", UUID.class), amount, Long::sum);
                }
            }
        }
        return balances;
    }

    private static Array uuidArray(Connection connection, List<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }
}
