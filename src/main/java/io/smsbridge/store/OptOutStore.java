package io.smsbridge.store;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Contacts who opted out of one of our numbers (STOP), until they opt in again (START). */
public final class OptOutStore {

    public record OptOut(String number, String contact, Instant at, String sourceMessageId) {
    }

    public void record(Connection c, String number, String contact, String messageId, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE opt_outs SET opted_out_at = ?, source_message_id = ? WHERE number = ? AND contact = ?",
                now, messageId, number, contact) == 0) {
            Sql.update(c, "INSERT INTO opt_outs (number, contact, opted_out_at, source_message_id) VALUES (?, ?, ?, ?)",
                    number, contact, now, messageId);
        }
    }

    /** Lifts an opt-out; false when there was none. */
    public boolean lift(Connection c, String number, String contact) throws SQLException {
        return Sql.update(c, "DELETE FROM opt_outs WHERE number = ? AND contact = ?", number, contact) == 1;
    }

    public boolean isOptedOut(Connection c, String number, String contact) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM opt_outs WHERE number = ? AND contact = ?", rs -> 1, number, contact) != null;
    }

    /** Which of {@code contacts} opted out of {@code number}: one query for a broadcast's contacts. */
    public java.util.Set<String> optedOut(Connection c, String number, java.util.Collection<String> contacts)
            throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (contacts.isEmpty()) {
            return out;
        }
        List<Object> params = new java.util.ArrayList<>(contacts.size() + 1);
        params.add(number);
        params.addAll(contacts);
        String in = String.join(",", java.util.Collections.nCopies(contacts.size(), "?"));
        out.addAll(Sql.list(c, "SELECT contact FROM opt_outs WHERE number = ? AND contact IN (" + in + ")",
                rs -> rs.getString(1), params.toArray()));
        return out;
    }

    public List<OptOut> list(Connection c, String number) throws SQLException {
        return Sql.list(c, "SELECT number, contact, opted_out_at, source_message_id FROM opt_outs WHERE number = ?"
                + " ORDER BY opted_out_at DESC", rs -> new OptOut(rs.getString(1), rs.getString(2),
                Database.instant(rs.getObject(3)), rs.getString(4)), number);
    }

    /** Marks an inbound message as the keyword it was. */
    public void markKeyword(Connection c, String messageId, String keyword) throws SQLException {
        Sql.update(c, "UPDATE messages SET keyword = ? WHERE id = CAST(? AS UUID)", keyword, messageId);
    }
}
