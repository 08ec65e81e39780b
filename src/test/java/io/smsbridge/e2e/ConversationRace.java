package io.smsbridge.e2e;

import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages of one contact sent and received all at once (on one instance or two), after which each
 * contact has one conversation and one open session, owned by whoever sent last.
 */
final class ConversationRace {

    /** One message of the race, to or from {@code contact}; returns the HTTP status. */
    interface Step {
        int run(String contact) throws Exception;
    }

    static void run(Database db, String number, int contacts, List<Step> steps) throws Exception {
        List<String> all = new ArrayList<>();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            String c = Fixtures.contact();
            all.add(c);
            for (Step step : steps) {
                tasks.add(() -> step.run(c));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).allMatch(s -> s == 200 || s == 202);
        for (String c : all) {
            List<String> open = db.withConnection(conn -> Sql.list(conn, "SELECT s.owner_user FROM sticky_sessions s"
                    + " JOIN conversations v ON v.id = s.conversation_id WHERE v.number = ? AND v.contact = ?"
                    + " AND s.closed_reason IS NULL", rs -> rs.getString(1), number, c));
            assertThat(open).as("open sessions of " + c).hasSize(1);
            // the owner is whoever sent last: the latest outbound message of the conversation
            String lastSender = db.withConnection(conn -> Sql.one(conn, "SELECT sender_user FROM messages"
                    + " WHERE number = ? AND contact = ? AND direction = 'outbound' ORDER BY created_at DESC",
                    rs -> rs.getString(1), number, c));
            assertThat(open.get(0)).isEqualTo(lastSender);
            Integer conversations = db.withConnection(conn -> Sql.one(conn, "SELECT COUNT(*) FROM conversations"
                    + " WHERE number = ? AND contact = ?", rs -> rs.getInt(1), number, c));
            assertThat(conversations).isEqualTo(1);
        }
    }

    private ConversationRace() {
    }
}
