package io.smsbridge.flow.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smsbridge.carrier.Carriers;
import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.message.BroadcastRequest;
import io.smsbridge.core.phone.Address;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.core.stickiness.OutboundDecision;
import io.smsbridge.core.stickiness.Session;
import io.smsbridge.core.stickiness.StickinessPolicy;
import io.smsbridge.store.BroadcastStore;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobKind;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.OptOutStore;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Uuid7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Accepts a broadcast: one text from one number to up to {@link #MAX_CONTACTS} contacts. Each contact
 * becomes a message of its own, stored with the broadcast in one transaction. A contact that cannot
 * be sent to (not a number, a repeat, opted out) is skipped with its reason; the rest go. On a
 * carrier with a bulk send the messages leave in bulk requests (one job per broadcast); on any other
 * they leave one by one through the send throttle.
 */
public final class BroadcastService {

    public static final int MAX_CONTACTS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A contact not sent, with why. */
    public record Skipped(String to, String code, String reason) {
    }

    /** A contact's message. */
    public record Queued(String to, String messageId) {
    }

    /**
     * The accepted broadcast (id null for a dry run); {@code jobs}: one-by-one sends for the carrier
     * queue, {@code bulkJobs}: the bulk send for its queue.
     */
    public record Accepted(String id, String encoding, int parts, String text, List<Queued> queued,
            List<Skipped> skipped, List<SendJob> jobs, List<Job> bulkJobs) {
    }

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final OutboundService outbound;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final JobStore jobs;
    private final OptOutStore optOuts;
    private final BroadcastStore broadcasts;
    private final Carriers carriers;
    private final Predicate<String> queueBehind;

    public BroadcastService(Database db, OutboundService outbound, ConversationStore conversations,
            MessageStore messages, JobStore jobs, OptOutStore optOuts, BroadcastStore broadcasts, Carriers carriers,
            Predicate<String> queueBehind, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.outbound = outbound;
        this.conversations = conversations;
        this.messages = messages;
        this.jobs = jobs;
        this.optOuts = optOuts;
        this.broadcasts = broadcasts;
        this.carriers = carriers;
        this.queueBehind = queueBehind;
    }

    public Accepted accept(Organization org, BroadcastRequest req) {
        if (req.to().isEmpty()) {
            throw Refusal.unprocessable("no_contacts", "'to' lists no contacts; give 1 to " + MAX_CONTACTS, "to");
        }
        if (req.to().size() > MAX_CONTACTS) {
            throw Refusal.unprocessable("too_many_contacts", "'to' lists " + req.to().size() + " contacts; a broadcast"
                    + " takes at most " + MAX_CONTACTS + ". Split it into several broadcasts", "to");
        }
        OutboundService.Draft d = outbound.draft(org, req.from(), req.extension(), req.domain(), req.text(), null);
        String number = d.number().number();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Address> contacts = new LinkedHashMap<>();
        for (String raw : req.to()) {
            Address contact;
            try {
                contact = PhoneNumbers.parseRecipient(raw, d.number().country());
            } catch (InvalidNumberException e) {
                skipped.add(new Skipped(FieldRules.printable(raw, 64), "invalid_number", e.getMessage()));
                continue;
            }
            if (contacts.putIfAbsent(contact.value(), contact) != null) {
                skipped.add(new Skipped(FieldRules.printable(raw, 64), "duplicate", "the same contact as an earlier entry; it is sent once"));
            }
        }
        Set<String> optedOut = db.withConnection(c -> optOuts.optedOut(c, number, contacts.keySet()));
        for (String to : optedOut) {
            contacts.remove(to);
            skipped.add(new Skipped(to, "contact_opted_out", "opted out of " + number + " (sent STOP)"));
        }
        String encoding = d.segments().encoding().name();
        int parts = d.segments().parts();
        if (req.dryRun()) {
            List<Queued> would = contacts.keySet().stream().map(to -> new Queued(to, null)).toList();
            return new Accepted(null, encoding, parts, d.text(), would, skipped, List.of(), List.of());
        }
        if (contacts.isEmpty()) {
            throw Refusal.unprocessable("no_contacts", "none of the " + req.to().size() + " contacts can be sent to ("
                    + skipped.size() + " skipped: " + skipped.get(0).code() + " " + skipped.get(0).to()
                    + (skipped.size() > 1 ? ", …" : "") + ")", "to");
        }

        String id = Uuid7.next();
        // conversations first, each in its own short statement; then every lock in one order
        record Row(Address contact, String conversationId, String messageId) {
        }
        List<Row> rows = new ArrayList<>(contacts.size());
        for (Address contact : contacts.values()) {
            rows.add(new Row(contact, conversations.ensure(number, contact.value()), Uuid7.next()));
        }
        List<Row> lockOrder = new ArrayList<>(rows);
        lockOrder.sort(Comparator.comparing(Row::conversationId));
        boolean bulk = carriers.forProvider(d.integration().provider()).bulkLimit(d.integration()) > 0;
        boolean behind = queueBehind.test(d.integration().id());
        String integrationId = d.integration().id();
        List<SendJob> sends = new ArrayList<>();
        List<Job> bulkJobs = new ArrayList<>();
        db.inTransaction(c -> {
            sends.clear();
            bulkJobs.clear();
            Instant now = Instant.now();
            broadcasts.insert(c, new BroadcastStore.Broadcast(id, org.id(), integrationId, number, d.user(),
                    d.text(), encoding, parts, req.to().size(), skippedJson(skipped), now));
            for (Row r : lockOrder) {
                Session session = conversations.lockAndGetSession(c, r.conversationId());
                OutboundDecision decision = StickinessPolicy.onOutbound(session, d.number().stickiness(), d.user(),
                        now);
                conversations.apply(c, r.conversationId(), session, decision, now);
                MessageStore.NewMessage row = OutboundService.row(r.messageId(), org, d, r.contact(),
                        r.conversationId());
                messages.insert(c, row, now);
                if (!bulk) {
                    if (behind) {
                        jobs.enqueueSendAt(c, r.messageId(), org.id(), integrationId, now, now);
                    } else {
                        Job job = jobs.enqueueSend(c, r.messageId(), org.id(), integrationId, now);
                        sends.add(new SendJob(job, row.stored(job.createdAt())));
                    }
                }
            }
            broadcasts.link(c, id, rows.stream().map(Row::messageId).toList());
            for (int i = 0; i < rows.size(); i++) {
                metrics.message(integrationId, "outbound", io.smsbridge.flow.metrics.MessageMetrics.Event.ACCEPTED);
            }
            if (bulk) {
                if (behind) {
                    jobs.enqueueAt(c, JobKind.BULK_SEND, id, org.id(), integrationId, now, now);
                } else {
                    bulkJobs.add(jobs.enqueueBulk(c, id, org.id(), integrationId, now));
                }
            }
            return null;
        });
        List<Queued> queued = rows.stream().map(r -> new Queued(r.contact().value(), r.messageId())).toList();
        return new Accepted(id, encoding, parts, d.text(), queued, skipped, List.copyOf(sends), List.copyOf(bulkJobs));
    }

    /** A broadcast as its organization reads it: how many contacts are in each status, and each one. */
    public record View(BroadcastStore.Broadcast broadcast, Map<String, Integer> counts,
            List<BroadcastStore.Contact> contacts) {
    }

    /** The organization's broadcast; 404 when it has none of that id. */
    public View find(Organization org, String id) {
        View v = db.withConnection(c -> {
            BroadcastStore.Broadcast b = broadcasts.find(c, org.id(), id);
            return b == null ? null : new View(b, broadcasts.counts(c, id), broadcasts.contacts(c, id));
        });
        if (v == null) {
            throw Refusal.notFound("no broadcast " + id + " in this organization; broadcast ids are the ones"
                    + " POST /api/v1/broadcasts returned");
        }
        return v;
    }

    /** The skipped contacts as stored with the broadcast. */
    static String skippedJson(List<Skipped> skipped) {
        ArrayNode out = JSON.createArrayNode();
        for (Skipped s : skipped) {
            out.addObject().put("to", s.to()).put("code", s.code()).put("reason", s.reason());
        }
        return out.toString();
    }
}
