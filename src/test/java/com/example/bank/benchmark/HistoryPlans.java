package com.example.bank.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;

import com.example.bank.ledger.Transfer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The query plans of an account's history on a busy account: {@code -Dhistory.rows} (1,000,000) ledger entries
 * into and out of one account, the first page and a page halfway down, read the old way (OFFSET over
 * {@code from = ? OR to = ?}) and the way the service reads them (keyset, {@link Transfer#historySql}). Prints
 * EXPLAIN ANALYZE of each. Run with {@code ./mvnw verify -Pbenchmark -Dbenchmark.main=com.example.bank.benchmark.HistoryPlans}.
 */
public final class HistoryPlans {

    private static final int PAGE = 20;
    private static final Pattern NAMED_PARAMETER = Pattern.compile(":([a-zA-Z]+)");
    private static final String OFFSET_SQL = "SELECT * FROM transfer WHERE from_account_id = ? OR to_account_id = ? "
            + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

    private HistoryPlans() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("history.rows", 1_000_000);
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", "").placeholders(Map.of("legacy_account_owner", "legacy-owner"))
                    .load().migrate();
            try (Connection sql = DriverManager.getConnection(url, "postgres", "")) {
                UUID busy = fill(sql, rows);
                System.out.printf("%n%d ledger entries touch account %s%n", rows, busy);
                explain(sql, "OFFSET, first page", OFFSET_SQL, busy, busy, PAGE + 1, 0);
                explain(sql, "OFFSET, page " + rows / 2 / PAGE, OFFSET_SQL, busy, busy, PAGE + 1, rows / 2);
                explainNamed(sql, "keyset, first page", Transfer.historySql(false), Map.of("account", busy, "limit", PAGE + 1));
                Object[] middle = rowAt(sql, busy, rows / 2);
                explainNamed(sql, "keyset, page " + rows / 2 / PAGE, Transfer.historySql(true),
                        Map.of("account", busy, "createdAt", middle[0], "id", middle[1], "limit", PAGE + 1));
            }
        }
    }

    /** One busy account and 1,000 others; entries alternate in and out of the busy one, a millisecond apart. */
    private static UUID fill(Connection sql, int rows) throws SQLException {
        UUID busy = UUID.randomUUID();
        try (Statement statement = sql.createStatement()) {
            statement.execute("INSERT INTO account (id, owner_id, owner_name, currency, balance, created_at) "
                    + "SELECT CASE WHEN n = 0 THEN '" + busy + "'::uuid ELSE gen_random_uuid() END, 'owner', 'Plans', "
                    + "'USD', 0, now() FROM generate_series(0, 1000) AS n");
            statement.execute("CREATE TEMPORARY TABLE other AS SELECT row_number() OVER () AS n, id FROM account "
                    + "WHERE id <> '" + busy + "'");
            statement.execute("INSERT INTO transfer (id, kind, from_account_id, to_account_id, amount, currency, "
                    + "initiated_by, created_at) SELECT gen_random_uuid(), 'TRANSFER', "
                    + "CASE WHEN g % 2 = 0 THEN '" + busy + "'::uuid ELSE o.id END, "
                    + "CASE WHEN g % 2 = 0 THEN o.id ELSE '" + busy + "'::uuid END, 1, 'USD', 'owner', "
                    + "timestamptz '2026-01-01' + g * interval '1 millisecond' "
                    + "FROM generate_series(1, " + rows + ") AS g JOIN other o ON o.n = 1 + g % 1000");
            statement.execute("ANALYZE");
        }
        return busy;
    }

    /** The (created_at, id) of the entry at this position of the busy account's history: a cursor. */
    private static Object[] rowAt(Connection sql, UUID account, int position) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement(OFFSET_SQL)) {
            query.setObject(1, account);
            query.setObject(2, account);
            query.setInt(3, 1);
            query.setInt(4, position);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Object[] { row.getTimestamp("created_at"), row.getObject("id") };
            }
        }
    }

    /** JDBC takes ? placeholders: each named one becomes one, bound to its value, in the order they appear. */
    private static void explainNamed(Connection sql, String title, String namedSql, Map<String, Object> values)
            throws SQLException {
        Matcher name = NAMED_PARAMETER.matcher(namedSql);
        List<Object> parameters = new ArrayList<>();
        while (name.find()) {
            parameters.add(values.get(name.group(1)));
        }
        explain(sql, title, name.replaceAll("?"), parameters.toArray());
    }

    private static void explain(Connection sql, String title, String query, Object... parameters) throws SQLException {
        try (PreparedStatement explain = sql.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof Timestamp timestamp) {
                    explain.setTimestamp(i + 1, timestamp);
                } else {
                    explain.setObject(i + 1, value);
                }
            }
            System.out.printf("%n== %s%n", title);
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    System.out.println(plan.getString(1));
                }
            }
        }
    }
}
