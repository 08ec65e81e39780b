package io.smsbridge.carrier;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.message.BulkResult;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.OutboundBulk;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;

import java.util.List;

/**
 * The one interface every carrier implements. The bridge finds carriers with {@link java.util.ServiceLoader}
 * (a line in {@code META-INF/services/io.smsbridge.carrier.Carrier}); a carrier never sees Camel,
 * HTTP servers or the database, only requests it is handed and calls it describes.
 */
public interface Carrier {

    /**
     * Its name: what integrations write as {@code provider:} (or {@code <name>:<variant>} for a
     * carrier that serves several), and its retry table {@code retry.<name>.*}, which takes every key
     * it does not set from {@code retry.default.*}.
     */
    String name();

    /**
     * The bridge-wide settings it reads ({@code acme.base-url}), so that setting them is not taken for
     * a typo; integrations' own settings are in {@link #providers}.
     */
    default List<String> settingKeys() {
        return List.of();
    }

    /** Called once at start, before anything else; a bad or missing setting fails the start. */
    default void start(CarrierSettings settings) {
    }

    /** The providers it serves, each with what an integration must set; after {@link #start}. */
    List<ProviderSpec> providers();

    /** A webhook request: an inbound message or a status report. A request it cannot read throws BadPayloadException. */
    CarrierEvent parse(WebhookRequest request, Integration integration);

    /** The HTTP call that sends one message, or {@link CarrierCall#done} when there is nothing to call. */
    CarrierCall send(OutboundSms sms);

    /** The carrier's answer to a call {@link #send} made: its id for the message, or the outcome to classify. */
    SendResult answer(CarrierCall call, CarrierAnswer answer);

    /** Events the carrier will report on its own after a send (only carriers without a network do). */
    default List<FollowUp> followUps(OutboundSms sms, SendResult result) {
        return List.of();
    }

    /**
     * The call that asks the carrier whether it took {@code sms} (its send's answer was lost in a crash),
     * or {@link CarrierCall#done} with the answer when it needs no network. Only for providers whose
     * {@link ProviderSpec#canLookUp} is true.
     */
    default CarrierCall lookUp(OutboundSms sms) {
        throw new UnsupportedOperationException(name() + " cannot look a message up");
    }

    /**
     * The answer to {@link #lookUp}'s call: accepted with the carrier's id when it took the message,
     * {@link SendResult#notSent} when it never got it, a failure when it could not tell.
     */
    default SendResult lookedUp(CarrierCall call, CarrierAnswer answer) {
        throw new UnsupportedOperationException(name() + " cannot look a message up");
    }

    /**
     * The most contacts one bulk request of this integration takes (a broadcast's chunk), or 0 when the
     * carrier has no bulk send: then a broadcast goes out as one send per contact, through the throttle.
     */
    default int bulkLimit(Integration integration) {
        return 0;
    }

    /** The HTTP call that sends one text to every contact of {@code bulk}; only when {@link #bulkLimit} is above 0. */
    default CarrierCall sendBulk(OutboundBulk bulk) {
        throw new UnsupportedOperationException(name() + " has no bulk send");
    }

    /** The carrier's answer to a call {@link #sendBulk} made. */
    default BulkResult answerBulk(CarrierCall call, CarrierAnswer answer) {
        throw new UnsupportedOperationException(name() + " has no bulk send");
    }
}
