package io.smsbridge.flow.inbound;

import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Uuid7;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobKind;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.OptOutStore;
import io.smsbridge.core.optout.Keyword;
import io.smsbridge.core.optout.Keywords;
import io.smsbridge.core.segments.SegmentCounter;
import io.smsbridge.core.segments.Segments;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.store.ReceiptStore;
import io.smsbridge.core.phone.Address;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.flow.platform.PlatformEvents;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.core.stickiness.InboundDecision;
import io.smsbridge.core.stickiness.Session;
import io.smsbridge.core.stickiness.StickinessPolicy;

import java.time.Instant;
import java.util.List;

/**
 * Stores an inbound message and decides who sees it, in one transaction: de-duplicate, lock the
 * conversation, apply the stickiness rules, store the message, and enqueue the platform post. When
 * this returns, the message is durable and the carrier may be told 200.
 */
public final class InboundService {

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final DirectoryService directory;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final ReceiptStore receipts;
    private final JobStore jobs;

    private final OptOutStore optOuts;
    private final Keywords keywords;

    /** @param keywords the default opt-out keywords (a number may set its own) */
    public InboundService(Database db, DirectoryService directory, ConversationStore conversations,
            MessageStore messages, ReceiptStore receipts, JobStore jobs, OptOutStore optOuts, Keywords keywords, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.optOuts = optOuts;
        this.keywords = keywords;
        this.db = db;
        this.directory = directory;
        this.conversations = conversations;
        this.messages = messages;
        this.receipts = receipts;
        this.jobs = jobs;
    }

    public InboundResult accept(Integration integration, CarrierEvent.Inbound event) {
        InboundSms sms = event.sms();
        SmsNumber number = resolveNumber(integration, sms.to());
        Address contact;
        try {
            contact = PhoneNumbers.parseSender(sms.from(), number.country());
        } catch (InvalidNumberException e) {
            throw Refusal.badRequest("sender: " + e.getMessage());
        }
        Organization org = directory.current().organizations().get(number.organizationId());
        String conversationId = conversations.ensure(number.number(), contact.value());
        return db.inTransaction(c -> {
            Session session = conversations.lockAndGetSession(c, conversationId);
            // read the clock and take the id under the lock: decisions, timestamps and ids follow its order
            Instant now = Instant.now();
            String id = Uuid7.next();
            io.smsbridge.flow.logs.LogContext.message(id, integration.id(), org.id());
            // a repeat only cost the lock: the receipt is written with its message id, in one statement
            if (!receipts.record(c, integration.id(), ReceiptStore.INBOUND, sms.dedupeKey(), id, now)) {
                return new InboundResult(null, true, false, 0, List.of());
            }
            InboundDecision decision = StickinessPolicy.onInbound(session, number.stickiness(), number.users(), now);
            conversations.apply(c, session, decision, now);

            messages.insert(c, new MessageStore.NewMessage(id, org.id(), integration.id(), "inbound", number.number(),
                    contact.value(), contact.kind().name().toLowerCase(java.util.Locale.ROOT), conversationId, null,
                    decision.recipients(), decision.group(), sms.text(), sms.mediaUrls(), null, null,
                    integration.provider(), sms.providerMessageId(), MessageStatus.RECEIVED), now);

            // STOP, START, HELP: recorded with the message, which still reaches the users, marked
            Keywords own = keywords.with(number.optOut());
            Keyword keyword = sms.mediaUrls() == null || sms.mediaUrls().isEmpty() ? own.match(sms.text()) : null;
            if (keyword != null) {
                optOuts.markKeyword(c, id, keyword.dbValue());
                if (keyword == Keyword.STOP) {
                    optOuts.record(c, number.number(), contact.value(), id, now);
                } else if (keyword == Keyword.START) {
                    optOuts.lift(c, number.number(), contact.value());
                }
                String reply = own.reply(keyword);
                if (!reply.isEmpty() && contact.kind() == Address.Kind.PHONE) {
                    autoReply(c, org, integration, number, contact, conversationId, reply, now);
                }
            }

            List<Job> handOff = List.of();
            if (org.webhookUrl() != null) {
                String payload = PlatformEvents.inbound(id, number, contact, sms.text(), sms.mediaUrls(),
                        decision.recipients(), decision.group(), conversationId, keyword);
                handOff = List.of(jobs.enqueue(c, JobKind.PLATFORM_POST, id, org.id(), payload, now));
            }
            metrics.message(integration.id(), "inbound", io.smsbridge.flow.metrics.MessageMetrics.Event.ACCEPTED);
            return new InboundResult(id, false, decision.group(), decision.recipients().size(), handOff);
        });
    }

    /**
     * The keyword's confirmation, as an outbound message of the number (sender "auto-reply"): stored
     * with its send job in the inbound message's transaction, taken by the outbox poller. It is sent
     * even to a contact who just opted out (the confirmation the rules ask for).
     */
    private void autoReply(java.sql.Connection c, Organization org, Integration integration, SmsNumber number,
            Address contact, String conversationId, String text, Instant now) throws java.sql.SQLException {
        Segments segments = SegmentCounter.count(text);
        String replyId = Uuid7.next();
        messages.insert(c, new MessageStore.NewMessage(replyId, org.id(), integration.id(), "outbound", number.number(),
                contact.value(), contact.kind().name().toLowerCase(java.util.Locale.ROOT), conversationId, AUTO_REPLY,
                null, null, text, null, segments.encoding().name(), segments.parts(), integration.provider(), null,
                MessageStatus.QUEUED), now);
        jobs.enqueueSendAt(c, replyId, org.id(), integration.id(), now, now);
    }

    /** The sender of the bridge's own replies to keywords. */
    public static final String AUTO_REPLY = "auto-reply";

    /**
     * Our number as the carrier wrote it: E.164 with or without '+' (DIDWW), or national digits
     * (thinQ's 10-digit NANP), read with the country of each number of the integration.
     */
    private SmsNumber resolveNumber(Integration integration, String to) {
        SmsNumber n = directory.current().numberFor(to, candidate -> candidate.integrationId().equals(integration.id()));
        if (n != null) {
            return n;
        }
        if (to == null || to.isBlank()) {
            throw Refusal.badRequest("the recipient (our number) is empty");
        }
        throw Refusal.notFound("number " + to + " is not in the directory for integration '"
                + integration.id() + "'; add it under numbers: in the directory file");
    }
}
