package io.smsbridge.edge.webhook;

import io.smsbridge.store.db.ColumnLimits;
import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.refusal.MalformedRequest;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.StatusReport;

/**
 * What a carrier's event may hold before it is stored, whichever carrier parsed it: identifiers
 * that fit their columns (sizes read from the schema), printable numbers and ids, text without
 * NUL or stray control characters, and picture URLs that are http(s).
 */
public final class EventLimits {

    private final int sender;
    private final int number;
    private final int carrierId;
    private final int dedupeKey;
    private final int errorCode;

    public EventLimits(ColumnLimits columns) {
        this.sender = columns.of("messages", "contact");
        this.number = columns.of("messages", "number");
        this.carrierId = columns.of("messages", "provider_message_id");
        this.dedupeKey = columns.of("carrier_receipts", "dedupe_key");
        this.errorCode = columns.of("message_status", "error_code");
    }

    public CarrierEvent check(CarrierEvent event) {
        if (event instanceof CarrierEvent.Inbound in) {
            inbound(in.sms());
        } else if (event instanceof CarrierEvent.Status st) {
            status(st.report());
        }
        return event;
    }

    private void inbound(InboundSms sms) {
        FieldRules.identifier("from (the sender)", sms.from(), sender);
        FieldRules.identifier("to (our number)", sms.to(), number);
        FieldRules.identifier("the carrier's message id", sms.providerMessageId(), carrierId);
        dedupe(sms.dedupeKey());
        FieldRules.text("text", sms.text());
        for (String url : sms.mediaUrls()) {
            FieldRules.url("media url", url);
        }
    }

    private void status(StatusReport report) {
        if (report.providerMessageId() == null || report.providerMessageId().isBlank()) {
            throw new MalformedRequest("id", "a status report needs the carrier's message id");
        }
        FieldRules.identifier("the carrier's message id", report.providerMessageId(), carrierId);
        dedupe(report.dedupeKey());
        FieldRules.identifier("error code", report.code(), errorCode);
        // a reason is the carrier's prose: stored cut to its column, never refused for its length
        FieldRules.text("reason", report.reason());
    }

    private void dedupe(String key) {
        if (key != null && key.length() > dedupeKey) {
            throw new MalformedRequest("id", "the carrier's ids make a key of " + key.length()
                    + " characters; at most " + dedupeKey + " are stored. Send shorter ids");
        }
    }
}
