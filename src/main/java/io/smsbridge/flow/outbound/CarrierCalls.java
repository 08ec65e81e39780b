package io.smsbridge.flow.outbound;

import io.smsbridge.carrier.Carrier;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carrier.Carriers;
import io.smsbridge.carrier.FollowUp;
import io.smsbridge.core.message.OutboundBulk;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.retry.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

import java.time.Instant;
import java.util.List;

/**
 * The carrier-call route's steps: the message's carrier describes its HTTP call, the route's HTTP
 * producer makes it, and the carrier reads the answer. Nothing of the exchange leaks into the call:
 * every header is replaced by the carrier's own.
 */
public final class CarrierCalls {

    /** Whether the route must make the call (false: the carrier knew the result without one). */
    public static final String CALL_NEEDED = "smsBridgeCallNeeded";
    /** What the carrier reports by itself after the send ({@link FollowUp}s). */
    public static final String FOLLOW_UPS = "smsBridgeFollowUps";
    /** Set by the job: the call is a lookup of an uncertain send ({@code on-uncertain: check}), not a send. */
    public static final String LOOK_UP = "smsBridgeLookUp";
    /** The HTTP status of the carrier's answer (for the answers' metric); unset when no call was made. */
    public static final String HTTP_STATUS = "smsBridgeHttpStatus";
    private static final String CALL = "smsBridgeCall";
    private static final String SMS = "smsBridgeSms";
    private static final String BULK = "smsBridgeBulk";

    private final Carriers carriers;

    public CarrierCalls(Carriers carriers) {
        this.carriers = carriers;
    }

    /**
     * Body: the OutboundSms (or a broadcast's OutboundBulk). Becomes the carrier's request, or the
     * SendResult when there is nothing to call.
     */
    public void request(Exchange exchange) {
        Message msg = exchange.getMessage();
        CarrierCall call;
        if (msg.getBody() instanceof OutboundBulk bulk) {
            call = carriers.forProvider(bulk.integration().provider()).sendBulk(bulk);
            exchange.setProperty(BULK, bulk);
        } else {
            OutboundSms sms = msg.getBody(OutboundSms.class);
            call = lookUp(exchange) ? carrier(sms).lookUp(sms) : carrier(sms).send(sms);
            exchange.setProperty(SMS, sms);
        }
        exchange.setProperty(CALL, call);
        exchange.setProperty(FOLLOW_UPS, List.of());
        msg.removeHeaders("*");
        exchange.setProperty(CALL_NEEDED, !call.isDone());
        if (call.isDone()) {
            msg.setBody(call.done());
            return;
        }
        // the enum itself: a String would go through a slow type-converter lookup on every call
        msg.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(call.method()));
        msg.setHeader(Exchange.HTTP_URI, call.url());
        if (call.query() != null) {
            msg.setHeader(Exchange.HTTP_QUERY, call.query());
        }
        call.headers().forEach(msg::setHeader);
        if (call.contentType() != null) {
            msg.setHeader(Exchange.CONTENT_TYPE, call.contentType());
        }
        msg.setBody(call.body());
    }

    /** The carrier's answer (status, body, Retry-After) read by the carrier into the SendResult body. */
    public void answer(Exchange exchange) {
        Message msg = exchange.getMessage();
        CarrierAnswer answer = new CarrierAnswer(msg.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                msg.getBody(String.class), RetryAfter.parse(msg.getHeader("Retry-After", String.class), Instant.now()));
        exchange.setProperty(HTTP_STATUS, String.valueOf(answer.status()));
        msg.removeHeaders("*");
        CarrierCall call = exchange.getProperty(CALL, CarrierCall.class);
        OutboundBulk bulk = exchange.getProperty(BULK, OutboundBulk.class);
        if (bulk != null) {
            msg.setBody(carriers.forProvider(bulk.integration().provider()).answerBulk(call, answer));
            return;
        }
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        msg.setBody(lookUp(exchange) ? carrier(sms).lookedUp(call, answer) : carrier(sms).answer(call, answer));
    }

    private static boolean lookUp(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(LOOK_UP, Boolean.class));
    }

    /** The call could not reach the carrier (connection refused, timeout, …): a failure to judge. */
    public void unreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(SendResult.failed(io.smsbridge.core.retry.Outcome.io(e), null));
    }

    /** After the result is recorded: what the carrier will report by itself, into {@link #FOLLOW_UPS}. */
    public void followUps(Exchange exchange) {
        OutboundSms sms = exchange.getProperty(SMS, OutboundSms.class);
        SendResult result = exchange.getMessage().getBody() instanceof SendResult r ? r : null;
        List<FollowUp> out = sms == null || result == null ? List.of() : carrier(sms).followUps(sms, result);
        exchange.setProperty(FOLLOW_UPS, out);
    }

    private Carrier carrier(OutboundSms sms) {
        return carriers.forProvider(sms.integration().provider());
    }
}
