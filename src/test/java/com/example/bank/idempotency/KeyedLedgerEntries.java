package com.example.bank.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the database holds for keys, read straight over JDBC: the ledger rows the keys name. */
public final class KeyedLedgerEntries {

    private KeyedLedgerEntries() {
    }

    /** The id of the ledger row each key made, for the keys that made one. */
    public static Map<RecordedAnswer.Id, UUID> of(Connection connection, Collection<RecordedAnswer.Id> keys)
            throws SQLException {
        Map<UUID, RecordedAnswer.Id> keysByEntry = keys.stream()
                .collect(Collectors.toMap(RecordedAnswer.Id::ledgerEntryId, Function.identity()));
        Map<RecordedAnswer.Id, UUID> entries = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, initiated_by FROM transfer WHERE id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", keysByEntry.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    RecordedAnswer.Id key = keysByEntry.get(rows.getObject("id", UUID.class));
                    if (!key.subject().equals(rows.getString("initiated_by"))) {
                        throw new AssertionError("ledger row of key " + key + " initiated by " + rows.getString(2));
                    }
                    entries.put(key, rows.getObject("id", UUID.class));
                }
            }
        }
        return entries;
    }
}
