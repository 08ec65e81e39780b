package io.smsbridge.carriers.template;

import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.phone.Address;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.carriers.template.ProviderTemplate.ApiCall;
import io.smsbridge.core.retry.Outcome;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends through a template provider: renders {@code API.SendMessage} (or {@code API.SendFile} for
 * a picture) into the HTTP request, and reads the answer with the call's {@code response_map}.
 */
public final class TemplateApi {

    private static final int MAX_REASON = 200;

    private TemplateApi() {
    }

    /** The placeholder values of one message: its own, then the integration's properties. */
    public static Map<String, String> values(ProviderTemplate t, OutboundSms sms, boolean file) {
        Map<String, String> v = new HashMap<>();
        Integration integration = sms.integration();
        for (String label : t.properties()) {
            v.put(label, integration.property(label));
        }
        v.put("from", number(sms.from(), t));
        v.put("to", number(sms.to(), t));
        String user = sms.user() == null ? "" : sms.user();
        int at = user.indexOf('@');
        v.put("extension", at < 0 ? user : user.substring(0, at));
        v.put("domain", at < 0 ? "" : user.substring(at + 1));
        String text = sms.text() == null ? "" : sms.text();
        v.put("text", text);
        v.put("content", file ? sms.mediaUrls().get(0) : text);
        v.put("reference", sms.messageId());
        return v;
    }

    private static String number(String stored, ProviderTemplate t) {
        Address a = new Address(stored.startsWith("+") ? Address.Kind.PHONE : Address.Kind.SHORT_CODE, stored);
        return PhoneNumbers.format(a, t.numberFormat());
    }

    /** The request for one message, or a failed result when the template cannot make it. */
    public static CarrierCall call(ProviderTemplate t, OutboundSms sms) {
        if (t == null) {
            return CarrierCall.done(SendResult.failed(new Outcome(List.of("config"), "config", "provider "
                    + sms.integration().provider() + " has no template (was providers/*.json changed?)"), null));
        }
        boolean file = t.sendFile() != null && sms.mediaUrls() != null && !sms.mediaUrls().isEmpty();
        ApiCall call = file ? t.sendFile() : t.sendMessage();
        RenderedRequest req;
        try {
            req = RequestRenderer.render(call, t.auth(), values(t, sms, file)::get,
                    sms.integration().setting("base-url"));
        } catch (IllegalArgumentException e) {
            return CarrierCall.done(SendResult.failed(new Outcome(List.of("config"), "config", "template " + t.id()
                    + ": " + e.getMessage()), null));
        }
        URI uri = URI.create(req.url());
        String query = uri.getRawQuery();
        String url = query == null ? req.url() : req.url().substring(0, req.url().indexOf('?'));
        // the answer is read with the call's response_map; a file call without one answers like a message
        Answering answering = new Answering(file && call.responseMap() == null ? t.sendMessage() : call,
                t.name() != null ? t.name() : t.id());
        return new CarrierCall(req.method(), url, query, req.headers(), req.body() == null ? null : req.contentType(),
                req.body(), answering, null);
    }

    /** What reading the answer needs: the call's maps and the carrier's name for reasons. */
    record Answering(ApiCall call, String name) {
    }

    static SendResult result(CarrierCall sent, CarrierAnswer answer) {
        Answering a = (Answering) sent.context();
        return result(a.call(), a.name(), answer.status(), answer.body(), answer.retryAfter());
    }

    static SendResult result(ApiCall call, String name, int status, String body, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            String id = ResponseMap.extract(call.responseMap(), body);
            if (id == null) {
                return SendResult.failed(Outcome.http(status, "no_id", name + " answered " + status
                        + " without a message id where response_map says (" + call.responseMap() + ")"), retryAfter);
            }
            return SendResult.accepted(id);
        }
        String code = call.errorMap() == null ? null : ResponseMap.extract(call.errorMap(), body, "error_code");
        String reason = call.errorMap() == null ? null : ResponseMap.extract(call.errorMap(), body, "reason");
        if (reason == null) {
            String b = body == null ? "" : body.replaceAll("\\s+", " ").trim();
            reason = name + " answered HTTP " + status + (b.isEmpty() ? ""
                    : ": " + (b.length() > MAX_REASON ? b.substring(0, MAX_REASON) + "…" : b));
        }
        return SendResult.failed(Outcome.http(status, code, reason), retryAfter);
    }
}
