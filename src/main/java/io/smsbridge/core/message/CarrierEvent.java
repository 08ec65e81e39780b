package io.smsbridge.core.message;

/** What a carrier's webhook request carried: an inbound message or a status report. */
public sealed interface CarrierEvent {

    record Inbound(InboundSms sms) implements CarrierEvent {
    }

    record Status(StatusReport report) implements CarrierEvent {
    }

    /** Which flow of the content-based router handles it. */
    default String kind() {
        return this instanceof Inbound ? "inbound" : "status";
    }
}
