package io.smsbridge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.core.stickiness.ClosedReason;
import io.smsbridge.flow.outbound.ManualRetry;
import io.smsbridge.store.OptOutStore;
import io.smsbridge.store.admin.AuditLog;
import io.smsbridge.store.admin.MessageSearch;
import io.smsbridge.store.admin.StickySessions;
import io.smsbridge.store.admin.TrafficStats;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Uuid7;
import io.smsbridge.store.directory.DirectoryService;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What happened: messages (search, CSV, one with history, retry), sticky sessions, the audit log, the overview. */
final class TrafficResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HAND_OVER_FIELDS = Set.of("user");
    private static final Set<String> STATUSES = Arrays.stream(MessageStatus.values()).map(MessageStatus::dbValue)
            .collect(java.util.stream.Collectors.toSet());
    private static final List<String> CSV_COLUMNS = List.of("id", "created_at", "direction", "status", "number",
            "contact", "sender_user", "recipients", "group_chat", "content", "media_urls", "segments", "provider",
            "provider_message_id", "error_code", "error_reason", "attempts", "keyword");

    private final Database db;
    private final DirectoryService directory;
    private final MessageSearch search;
    private final StickySessions sessions;
    private final TrafficStats stats;
    private final AuditLog audit;
    private final ManualRetry retry;
    private final OptOutStore optOuts;

    TrafficResources(Database db, DirectoryService directory, MessageSearch search, StickySessions sessions,
            TrafficStats stats, AuditLog audit, ManualRetry retry, OptOutStore optOuts) {
        this.optOuts = optOuts;
        this.db = db;
        this.directory = directory;
        this.search = search;
        this.sessions = sessions;
        this.stats = stats;
        this.audit = audit;
        this.retry = retry;
    }

    void register(Map<String, Operation> ops) {
        ops.put("admin-messages-search", this::searchMessages);
        ops.put("admin-messages-export", this::exportMessages);
        ops.put("admin-message-get", this::message);
        ops.put("admin-message-retry", this::retryMessage);
        ops.put("admin-conversation-get", this::conversation);
        ops.put("admin-sessions-list", this::listSessions);
        ops.put("admin-session-end", this::endSession);
        ops.put("admin-session-hand-over", this::handOver);
        ops.put("admin-audit-list", this::auditLog);
        ops.put("admin-opt-outs-list", this::listOptOuts);
        ops.put("admin-opt-out-remove", this::removeOptOut);
        ops.put("admin-overview", this::overview);
    }

    private String org(AdminCall call) {
        return call.principal().organization(call.path("org"), id -> directory.current().organizations().containsKey(id));
    }

    // --- messages -------------------------------------------------------------------------------

    private MessageSearch.Filter filter(AdminCall call, String org, int limit) {
        SmsNumber number = call.query("number") == null ? null : number(org, call.query("number"));
        String contact = call.query("contact") == null ? null
                : contact(call.query("contact"), number == null ? "US" : number.country());
        String status = call.query("status");
        if (status != null && !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            throw Refusal.unprocessable("invalid_field", "status: one of " + new java.util.TreeSet<>(STATUSES), "status");
        }
        String direction = call.query("direction");
        if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
            throw Refusal.unprocessable("invalid_field", "direction: inbound or outbound", "direction");
        }
        Instant cursorAt = null;
        String cursorId = null;
        String cursor = call.query("cursor");
        if (cursor != null) {
            String[] parts = cursor.split("_", 2);
            try {
                cursorAt = Instant.ofEpochSecond(0, Long.parseLong(parts[0]));
                cursorId = parts[1];
            } catch (RuntimeException e) {
                cursorId = null;
            }
            if (cursorId == null || !Uuid7.isUuid(cursorId)) {
                throw Refusal.unprocessable("invalid_field", "cursor: pass the next_cursor of the previous page as it is",
                        "cursor");
            }
        }
        return new MessageSearch.Filter(org, number == null ? null : number.number(), contact,
                status == null ? null : status.toLowerCase(Locale.ROOT), direction, call.instant("since"),
                call.instant("until"), cursorAt, cursorId, limit);
    }

    private Answer searchMessages(AdminCall call) {
        String org = org(call);
        int limit = call.limit(50, 500);
        List<Map<String, Object>> rows = db.withConnection(c -> search.search(c, filter(call, org, limit)));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        rows.forEach(r -> data.add(view(r)));
        if (rows.size() == limit) {
            Map<String, Object> last = rows.get(rows.size() - 1);
            Instant at = (Instant) last.get("created_at");
            root.put("next_cursor", (at.getEpochSecond() * 1_000_000_000L + at.getNano()) + "_" + last.get("id"));
        } else {
            root.putNull("next_cursor");
        }
        return new Answer(200, "application/json", root.toString());
    }

    private Answer exportMessages(AdminCall call) {
        String org = org(call);
        int limit = call.limit(10_000, 100_000);
        List<Map<String, Object>> rows = db.withConnection(c -> search.search(c, filter(call, org, limit)));
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(csvField(r.get(CSV_COLUMNS.get(i))));
            }
            csv.append("\r\n");
        }
        return new Answer(200, "text/csv; charset=utf-8", csv.toString());
    }

    /** RFC 4180; a leading =, +, - or @ is quoted with a ' so a spreadsheet does not run it as a formula. */
    static String csvField(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("[+-]?\\d+")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private Answer message(AdminCall call) {
        String org = org(call);
        String id = messageId(call);
        ObjectNode v = db.withConnection(c -> {
            Map<String, Object> row = search.one(c, org, id);
            if (row == null) {
                return null;
            }
            ObjectNode out = view(row);
            ArrayNode h = out.putArray("history");
            search.history(c, id).forEach(e -> h.add(view(e)));
            return out;
        });
        if (v == null) {
            throw Refusal.notFound("no message " + id + " in this organization");
        }
        return Answer.ok(v);
    }

    private Answer retryMessage(AdminCall call) {
        String org = org(call);
        String id = messageId(call);
        retry.retry(org, id, call.principal().name());
        return Answer.json(202, JsonNodeFactory.instance.objectNode().put("id", id).put("status", "queued"));
    }

    private Answer conversation(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        String contact = contact(call.path("contact"), number.country());
        Instant now = Instant.now();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("number", number.number());
        out.put("contact", contact);
        db.withConnection(c -> {
            ArrayNode msgs = out.putArray("messages");
            search.thread(c, org, number.number(), contact, 200).forEach(r -> msgs.add(view(r)));
            StickySessions.Open open = sessions.open(c, number.number(), now).stream()
                    .filter(s -> s.contact().equals(contact)).findFirst().orElse(null);
            out.set("session", open == null ? null : view(open));
            return null;
        });
        return Answer.ok(out);
    }

    private String messageId(AdminCall call) {
        String id = call.path("id");
        if (!Uuid7.isUuid(id)) {
            throw Refusal.notFound("no message " + id + " in this organization; message ids are UUIDs");
        }
        return id;
    }

    // --- sticky sessions ------------------------------------------------------------------------

    private Answer listSessions(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        db.withConnection(c -> sessions.open(c, number.number(), Instant.now())).forEach(s -> out.add(view(s)));
        return Answer.ok(out);
    }

    private Answer endSession(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        String contact = contact(call.path("contact"), number.country());
        Instant now = Instant.now();
        boolean ended = db.inTransaction(c -> {
            StickySessions.Open s = sessions.lock(c, number.number(), contact, now);
            if (s == null) {
                return false;
            }
            sessions.close(c, s, ClosedReason.MANUAL, now);
            audit.record(c, call.principal().name(), org, "session.end", "session " + number.number() + " "
                    + contact, view(s).toString(), null, now);
            return true;
        });
        if (!ended) {
            throw Refusal.notFound("no open sticky session between " + number.number() + " and " + contact);
        }
        return Answer.noContent();
    }

    private Answer handOver(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        String contact = contact(call.path("contact"), number.country());
        String user = AdminCall.text(call.body(HAND_OVER_FIELDS), "user").toLowerCase(Locale.ROOT);
        if (!user.contains("@")) {
            user = user + "@" + directory.current().organizations().get(org).domain();
        }
        if (!number.isAssigned(user)) {
            throw Refusal.unprocessable("user_not_assigned", "user: " + user + " is not assigned to "
                    + number.number() + "; assign the user first", "user");
        }
        String to = user;
        Instant now = Instant.now();
        StickySessions.Open moved = db.inTransaction(c -> {
            StickySessions.Open s = sessions.lock(c, number.number(), contact, now);
            if (s == null) {
                return null;
            }
            StickySessions.Open next = sessions.handOver(c, s, to, now);
            audit.record(c, call.principal().name(), org, "session.hand-over", "session " + number.number() + " "
                    + contact, view(s).toString(), view(next).toString(), now);
            return next;
        });
        if (moved == null) {
            throw Refusal.notFound("no open sticky session between " + number.number() + " and " + contact);
        }
        return Answer.ok(view(moved));
    }

    // --- opt-outs -----------------------------------------------------------------------------

    private Answer listOptOuts(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        db.withConnection(c -> optOuts.list(c, number.number())).forEach(o -> out.addObject()
                .put("contact", o.contact()).put("opted_out_at", o.at().toString())
                .put("source_message_id", o.sourceMessageId()));
        return Answer.ok(out);
    }

    private Answer removeOptOut(AdminCall call) {
        String org = org(call);
        SmsNumber number = number(org, call.path("number"));
        String contact = contact(call.path("contact"), number.country());
        Instant now = Instant.now();
        boolean removed = db.inTransaction(c -> {
            if (!optOuts.lift(c, number.number(), contact)) {
                return false;
            }
            audit.record(c, call.principal().name(), org, "opt-out.remove", "opt-out " + number.number() + " "
                    + contact, JsonNodeFactory.instance.objectNode().put("contact", contact).toString(), null, now);
            return true;
        });
        if (!removed) {
            throw Refusal.notFound("contact " + contact + " has not opted out of " + number.number());
        }
        return Answer.noContent();
    }

    // --- audit log and overview -----------------------------------------------------------------

    private Answer auditLog(AdminCall call) {
        String org = call.query("organization");
        if (!call.principal().isOperator()) {
            org = call.principal().organizationId();
        } else if (org != null) {
            org = call.principal().organization(org, id -> true);
        }
        long before = 0;
        if (call.query("before") != null) {
            try {
                before = Long.parseLong(call.query("before"));
            } catch (NumberFormatException e) {
                throw Refusal.unprocessable("invalid_field", "before: an audit entry id", "before");
            }
        }
        String scope = org;
        long below = before;
        int limit = call.limit(100, 500);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        db.withConnection(c -> audit.list(c, scope, below, limit)).forEach(e -> {
            ObjectNode v = out.addObject();
            v.put("id", e.id());
            v.put("at", e.at().toString());
            v.put("actor", e.actor());
            v.put("organization", e.organizationId());
            v.put("action", e.action());
            v.put("target", e.target());
            v.set("before", parse(e.before()));
            v.set("after", parse(e.after()));
        });
        return Answer.ok(out);
    }

    private Answer overview(AdminCall call) {
        String org = call.principal().isOperator() ? call.query("organization") : call.principal().organizationId();
        Instant now = Instant.now();
        Instant since = now.minus(Duration.ofMinutes(60));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        db.withConnection(c -> {
            Map<Instant, long[]> minutes = new java.util.TreeMap<>();
            Instant first = since.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            for (Instant m = first; !m.isAfter(now); m = m.plus(Duration.ofMinutes(1))) {
                minutes.put(m, new long[2]);
            }
            for (TrafficStats.Minute m : stats.perMinute(c, org, first)) {
                long[] slot = minutes.computeIfAbsent(m.minute(), k -> new long[2]);
                slot["inbound".equals(m.direction()) ? 0 : 1] += m.count();
            }
            ArrayNode pm = out.putArray("per_minute");
            minutes.forEach((m, counts) -> pm.addObject().put("minute", m.toString()).put("in", counts[0])
                    .put("out", counts[1]));
            out.put("backlog", stats.backlog(c, org));
            List<Duration> lat = stats.sendLatencies(c, org, now.minus(Duration.ofMinutes(15)));
            ObjectNode l = out.putObject("send_latency_ms");
            l.put("samples", lat.size());
            l.put("p50", lat.isEmpty() ? null : lat.get(lat.size() / 2).toMillis());
            l.put("p95", lat.isEmpty() ? null : lat.get(Math.min(lat.size() - 1, (int) (lat.size() * 0.95))).toMillis());
            return null;
        });
        return Answer.ok(out);
    }

    // --- helpers --------------------------------------------------------------------------------

    private SmsNumber number(String org, String raw) {
        SmsNumber n = directory.current().numberFor(raw, c -> c.organizationId().equals(org));
        if (n == null) {
            throw Refusal.notFound("number " + raw + " is not one of this organization's SMS numbers");
        }
        return n;
    }

    /** A contact as a person typed it, in the number's country. */
    private static String contact(String raw, String region) {
        return PhoneNumbers.typed(raw, region);
    }

    private static ObjectNode view(StickySessions.Open s) {
        return JsonNodeFactory.instance.objectNode().put("contact", s.contact()).put("user", s.owner())
                .put("started_at", s.startedAt().toString()).put("expires_at", s.expiresAt().toString());
    }

    private static ObjectNode view(Map<String, Object> row) {
        ObjectNode node = JSON.valueToTree(stringified(row));
        for (String listField : new String[] {"recipients", "media_urls"}) {
            JsonNode stored = node.get(listField);
            if (stored != null && stored.isTextual()) {
                node.set(listField, parse(stored.asText()));
            }
        }
        return node;
    }

    private static Map<String, Object> stringified(Map<String, Object> row) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, v instanceof Instant i ? i.toString() : v));
        return out;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(json);
        }
    }
}
