package io.smsbridge.webhook;

import io.smsbridge.api.ApiException;
import io.smsbridge.api.ApiKeys;
import io.smsbridge.api.RequestBody;
import io.smsbridge.directory.DirectoryService;
import io.smsbridge.directory.Integration;
import io.smsbridge.outbound.CarrierSender;
import io.smsbridge.provider.Providers;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The front of {@code /webhooks/{integrationId}}: finds the integration (404), checks its token in
 * the {@code token} query parameter or the {@code X-Webhook-Token} header in constant time (401),
 * strips every secret from the exchange, and turns the request into a {@link WebhookRequest}.
 */
public final class WebhookEndpoint {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebhookEndpoint.class);
    public static final String INTEGRATION = "integration";
    public static final String RAW_REQUEST = "rawRequest";
    private static final Set<String> SECRET_HEADERS = Set.of("token", "x-webhook-token", "authorization",
            "camelhttpquery", "camelhttprawquery", "camelhttpuri", "camelhttpurl");

    private final DirectoryService directory;

    public WebhookEndpoint(DirectoryService directory) {
        this.directory = directory;
    }

    public void authenticate(Exchange exchange) {
        Message in = exchange.getMessage();
        String id = in.getHeader("integrationId", String.class);
        Integration integration = id == null ? null : directory.current().integrations().get(id);
        if (integration == null || integration.webhookToken() == null) {
            throw ApiException.notFound("no integration '" + id + "' takes webhooks here; check the URL pasted at the"
                    + " carrier (/webhooks/<integration id>)");
        }
        String rawQuery = in.getHeader("CamelHttpRawQuery", String.class);
        if (rawQuery == null) {
            rawQuery = in.getHeader(Exchange.HTTP_QUERY, String.class);
        }
        String token = in.getHeader("X-Webhook-Token", String.class);
        if (token == null) {
            Object t = in.getHeader("token");
            token = t instanceof Iterable<?> list ? String.valueOf(list.iterator().next()) : (String) t;
        }
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        Map<String, String> formFields = formFields(in, contentType);
        String body = RequestBody.text(exchange);
        stripSecrets(in);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Webhook {} {} ({}), body {} chars, form fields {}", method, id, contentType,
                    body == null ? 0 : body.length(), formFields.keySet());
        }
        exchange.setProperty(RAW_REQUEST, describe(method, id, contentType, body));
        if (!ApiKeys.matches(integration.webhookToken(), token)) {
            throw ApiException.unauthorized(token == null
                    ? "missing webhook token: add ?token=<webhook-token> to the URL or send X-Webhook-Token"
                    : "wrong webhook token for integration '" + id + "'");
        }
        exchange.setProperty(INTEGRATION, integration);
        in.setHeader(CarrierSender.PROVIDER_HEADER, Providers.route(integration.provider()));
        in.setBody(WebhookRequest.of(method, contentType, withoutToken(rawQuery), body, formFields));
    }

    /** Form fields that the HTTP server already took out of the body (it maps them to headers). */
    private static Map<String, String> formFields(Message in, String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("form")) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("camel") && !SECRET_HEADERS.contains(lower) && !lower.equals("integrationid")
                    && !lower.contains("-") && v instanceof String s) {
                out.put(k, s);
            }
        });
        return out;
    }

    private static void stripSecrets(Message in) {
        in.getHeaders().keySet().removeIf(k -> SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)));
    }

    private static String withoutToken(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("token=") && !pair.equals("token")) {
                sb.append(sb.length() == 0 ? "" : "&").append(pair);
            }
        }
        return sb.toString();
    }

    /** What is logged of a request we refuse: never the query string (it may hold the token). */
    private static String describe(String method, String integrationId, String contentType, String body) {
        String b = body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
        return method + " /webhooks/" + integrationId + " (" + (contentType == null ? "no content type" : contentType)
                + ") body: " + b.replaceAll("[\\r\\n]+", " ");
    }
}
