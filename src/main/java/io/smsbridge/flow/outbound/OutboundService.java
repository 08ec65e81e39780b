package io.smsbridge.flow.outbound;

import io.smsbridge.core.message.SendRequest;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.store.db.Database;
import io.smsbridge.store.db.Uuid7;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.store.Job;
import io.smsbridge.store.JobStore;
import io.smsbridge.store.OptOutStore;
import io.smsbridge.core.message.MessageStatus;
import io.smsbridge.store.MessageStore;
import io.smsbridge.core.phone.Address;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.directory.ProviderCatalog;
import io.smsbridge.core.segments.GsmLookalikes;
import io.smsbridge.core.segments.SegmentCounter;
import io.smsbridge.core.segments.Segments;
import io.smsbridge.store.ConversationStore;
import io.smsbridge.core.stickiness.OutboundDecision;
import io.smsbridge.core.stickiness.Session;
import io.smsbridge.core.stickiness.StickinessPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Accepts a user's message from the platform: validates it (number, user, contact, content, size),
 * then in one transaction applies stickiness, stores it as {@code queued} and enqueues the carrier send.
 */
public final class OutboundService {

    /** Integration setting for pictures on carriers without MMS: {@code link} (default) or {@code reject}. */
    public static final String MMS_FALLBACK = "mms-fallback";
    static final String MMS_LINK = "link";
    static final String MMS_REJECT = "reject";

    private final io.smsbridge.flow.metrics.MessageMetrics metrics;
    private final Database db;
    private final DirectoryService directory;
    private final ConversationStore conversations;
    private final MessageStore messages;
    private final JobStore jobs;
    private final ProviderCatalog providers;
    private final java.util.function.Predicate<String> queueBehind;
    private final OptOutStore optOuts;

    /**
     * @param queueBehind integrations whose new sends must wait in the outbox behind held ones (an
     *                    open circuit, or one that just closed and is handing its backlog over)
     */
    public OutboundService(Database db, DirectoryService directory, ConversationStore conversations,
            MessageStore messages, JobStore jobs, ProviderCatalog providers,
            java.util.function.Predicate<String> queueBehind, OptOutStore optOuts, io.smsbridge.flow.metrics.MessageMetrics metrics) {
        this.metrics = metrics;
        this.optOuts = optOuts;
        this.providers = providers;
        this.queueBehind = queueBehind;
        this.db = db;
        this.directory = directory;
        this.conversations = conversations;
        this.messages = messages;
        this.jobs = jobs;
    }

    /**
     * Accepted message: its id, the job to hand to the carrier route, and what is sent (encoding, SMS
     * parts, the text after header, footer and smart encoding); a dry run has no id and no job.
     */
    public record Accepted(String id, String status, List<SendJob> jobs, String encoding, int parts, String text) {
    }

    /**
     * A user's message before its contact is known: the number and user checked, the content checked,
     * and the text as it will be sent (header, footer, smart encoding) with its SMS parts.
     */
    public record Draft(SmsNumber number, Integration integration, String user, String text, String mediaUrl,
            Segments segments) {
    }

    /** Checks what a send and a broadcast share; refuses (4xx) what cannot be sent to anyone. */
    public Draft draft(Organization org, String from, String extension, String domainAsked, String content,
            String mediaAsked) {
        Directory dir = directory.current();
        SmsNumber number = findNumber(dir, org, from);
        String domain = domainAsked == null || domainAsked.isBlank() ? org.domain()
                : domainAsked.trim().toLowerCase(Locale.ROOT);
        String user = extension.toLowerCase(Locale.ROOT) + "@" + domain;
        if (!number.isAssigned(user)) {
            throw Refusal.forbidden("user " + user + " is not assigned to " + number.number()
                    + "; assign it under users: in the directory");
        }
        Integration integration = dir.integrations().get(number.integrationId());

        boolean hasMedia = mediaAsked != null && !mediaAsked.isBlank();
        String caption = content == null ? "" : content;
        if (!hasMedia && caption.isBlank()) {
            throw Refusal.unprocessable("empty_content", "the message has no content; send text in 'content' or a"
                    + " picture in 'media_url'");
        }
        String mediaUrl = hasMedia ? mediaAsked.trim() : null;
        if (hasMedia && !(mediaUrl.startsWith("https://") || mediaUrl.startsWith("http://"))) {
            throw Refusal.unprocessable("invalid_media_url", "media_url '" + mediaUrl
                    + "' is not an http(s) URL the carrier can fetch");
        }
        if (hasMedia && !providers.spec(integration.provider()).supportsMms()) {
            if (MMS_REJECT.equalsIgnoreCase(integration.setting(MMS_FALLBACK, MMS_LINK))) {
                throw Refusal.unprocessable("mms_not_supported", "number " + number.number() + " is on "
                        + integration.provider() + ", which cannot send pictures (mms-fallback: reject); send the"
                        + " link as text instead");
            }
            // the carrier cannot carry pictures: send the link as text
            caption = caption.isBlank() ? mediaUrl : caption + "\n" + mediaUrl;
            mediaUrl = null;
        }
        String text = decorate(number, caption);
        if (number.smartEncoding(org)) {
            text = GsmLookalikes.apply(text);
        }
        Segments segments = SegmentCounter.count(text);
        if (segments.exceedsLimit()) {
            throw Refusal.unprocessable("too_long", "the message needs " + segments.parts() + " SMS parts ("
                    + segments.encoding() + "); at most " + Segments.MAX_PARTS + " are possible. Shorten it");
        }
        return new Draft(number, integration, user, text, mediaUrl, segments);
    }

    /** The new row of a user's message to {@code contact}. */
    public static MessageStore.NewMessage row(String id, Organization org, Draft d, Address contact,
            String conversationId) {
        List<String> media = d.mediaUrl() != null ? List.of(d.mediaUrl()) : null;
        return new MessageStore.NewMessage(id, org.id(), d.integration().id(), "outbound", d.number().number(),
                contact.value(), contact.kind().name().toLowerCase(Locale.ROOT), conversationId, d.user(), null, null,
                d.text(), media, d.segments().encoding().name(), d.segments().parts(), d.integration().provider(),
                null, MessageStatus.QUEUED);
    }

    public Accepted accept(Organization org, SendRequest req) {
        Draft d = draft(org, req.from(), req.extension(), req.domain(), req.text(), req.mediaUrl());
        SmsNumber number = d.number();
        Integration integration = d.integration();
        String user = d.user();
        String text = d.text();
        Segments segments = d.segments();
        Address contact;
        try {
            contact = PhoneNumbers.parseRecipient(req.to(), number.country());
        } catch (InvalidNumberException e) {
            throw Refusal.unprocessable("invalid_number", e.getMessage());
        }
        String to = contact.value();
        if (db.withConnection(c -> optOuts.isOptedOut(c, number.number(), to))) {
            throw Refusal.unprocessable("contact_opted_out", "contact " + to + " opted out of " + number.number()
                    + " (sent STOP); nothing is sent until they send START");
        }
        if (req.dryRun()) {
            // what would be sent, and nothing stored or sent
            return new Accepted(null, "dry_run", List.of(), segments.encoding().name(), segments.parts(), text);
        }

        String conversationId = conversations.ensure(number.number(), contact.value());
        String id = Uuid7.next();
        MessageStore.NewMessage row = row(id, org, d, contact, conversationId);
        boolean behind = queueBehind.test(integration.id());
        Job job = db.inTransaction(c -> {
            Session session = conversations.lockAndGetSession(c, conversationId);
            // read the clock under the lock: decisions and timestamps follow the order of the lock
            Instant now = Instant.now();
            OutboundDecision decision = StickinessPolicy.onOutbound(session, number.stickiness(), user, now);
            conversations.apply(c, conversationId, session, decision, now);
            messages.insert(c, row, now);
            if (behind) {
                // the poller hands it over after the older sends of this carrier, oldest first
                jobs.enqueueSendAt(c, id, org.id(), integration.id(), now, now);
                return null;
            }
            return jobs.enqueueSend(c, id, org.id(), integration.id(), now);
        });
        metrics.message(integration.id(), "outbound", io.smsbridge.flow.metrics.MessageMetrics.Event.ACCEPTED);
        String encoding = segments.encoding().name();
        if (job == null) {
            return new Accepted(id, MessageStatus.QUEUED.dbValue(), List.of(), encoding, segments.parts(), text);
        }
        // off the writer: the job was created at the message's own timestamp
        return new Accepted(id, MessageStatus.QUEUED.dbValue(), List.of(new SendJob(job, row.stored(job.createdAt()))),
                encoding, segments.parts(), text);
    }

    private static String decorate(SmsNumber number, String text) {
        StringBuilder sb = new StringBuilder();
        if (number.header() != null) {
            sb.append(number.header()).append('\n');
        }
        sb.append(text);
        if (number.footer() != null) {
            sb.append('\n').append(number.footer());
        }
        return sb.toString();
    }

    /** Our number as the platform wrote it: E.164, digits, or national digits of the number's country. */
    private static SmsNumber findNumber(Directory dir, Organization org, String from) {
        SmsNumber n = dir.numberFor(from, candidate -> candidate.organizationId().equals(org.id()));
        if (n == null || !n.organizationId().equals(org.id())) {
            throw Refusal.notFound("number " + from + " is not one of this organization's SMS numbers");
        }
        return n;
    }
}
