package io.smsbridge.edge.webhook;

import io.smsbridge.carrier.WebhookRequest;
import io.smsbridge.core.refusal.Refusal;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.store.directory.DirectoryService;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.codec.FieldRules;
import io.smsbridge.core.codec.FormFields;
import io.smsbridge.edge.http.ErrorResponses;
import io.smsbridge.edge.http.RawRequest;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.carrier.Carriers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The front of {@code /webhooks/{integrationId}}: finds the integration (404), checks its token in
 * the {@code token} query parameter or the {@code X-Webhook-Token} header in constant time (401; a
 * form field never authenticates), drops every header from the exchange, and decodes the body once
 * into a {@link WebhookRequest}; {@link #parse} hands it to the integration's carrier.
 */
public final class WebhookEndpoint {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebhookEndpoint.class);
    public static final String INTEGRATION = "integration";
    private static final String RAW_REQUEST = ErrorResponses.CARRIER_REQUEST;

    private final DirectoryService directory;
    private final EventLimits limits;
    private final Carriers carriers;

    private final SourceAddress sources;

    public WebhookEndpoint(DirectoryService directory, EventLimits limits, Carriers carriers, SourceAddress sources) {
        this.sources = sources;
        this.directory = directory;
        this.limits = limits;
        this.carriers = carriers;
    }

    public void authenticate(Exchange exchange) {
        RawRequest raw = RawRequest.of(exchange);
        Message in = exchange.getMessage();
        String id = raw.pathParam("integrationId");
        String shownId = id == null ? "" : FieldRules.printable(id, 64);
        exchange.setProperty(RAW_REQUEST, raw.method() + " /webhooks/" + shownId + " ("
                + (raw.mediaType().isEmpty() ? "no content type" : FieldRules.printable(raw.mediaType(), 80)) + ", "
                + raw.body().length + " bytes)");
        Integration integration = id == null ? null : directory.current().integrations().get(id);
        io.smsbridge.flow.logs.LogContext.integration(integration == null ? null : integration.id());
        if (integration == null || integration.webhookToken() == null) {
            throw Refusal.notFound("no integration '" + shownId + "' takes webhooks here; check the URL pasted at"
                    + " the carrier (/webhooks/<integration id>)");
        }
        io.smsbridge.core.net.AddressRanges allowed = integration.allowedSources();
        if (!allowed.isEmpty()) {
            String from = sources.of(RawRequest.remoteAddress(exchange), raw.header("X-Forwarded-For"));
            if (!allowed.contains(from)) {
                LOG.warn("Refused webhook for integration {} from {}: not in its allowed-sources", id, from);
                throw Refusal.forbidden("requests from " + from + " are not accepted for integration '" + id
                        + "' (its allowed-sources)");
            }
        }
        Map<String, String> query = FormFields.parse(raw.rawQuery(), StandardCharsets.UTF_8, "query string");
        String token = raw.header("X-Webhook-Token");
        if (token == null) {
            token = query.get("token");
        }
        // nothing of the request stays in headers: parsers read the decoded request, and logs never see a token
        in.removeHeaders("*");
        if (!Hashes.matches(integration.webhookToken(), token)) {
            throw Refusal.unauthorized(token == null
                    ? "missing webhook token: add ?token=<webhook-token> to the URL or send X-Webhook-Token"
                    : "wrong webhook token for integration '" + id + "'");
        }
        WebhookRequest req = WebhookRequest.parse(raw.method(), raw.contentType(), raw.charset(), query,
                raw.body(), raw.multipartFields());
        if (LOG.isDebugEnabled()) {
            LOG.debug("Webhook {}, fields {}", exchange.getProperty(RAW_REQUEST), req.fieldNames());
        }
        exchange.setProperty(INTEGRATION, integration);
        in.setBody(req);
    }

    /**
     * The integration's carrier reads the request into an event, refused (400) when a field would not
     * fit its column or is not what it must be.
     */
    public CarrierEvent parse(WebhookRequest request, Integration integration) {
        return limits.check(carriers.forProvider(integration.provider()).parse(request, integration));
    }
}
