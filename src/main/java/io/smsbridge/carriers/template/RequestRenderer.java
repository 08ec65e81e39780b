package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.carriers.template.ProviderTemplate.ApiCall;
import io.smsbridge.carriers.template.ProviderTemplate.Auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Renders {@code API.SendMessage} / {@code API.SendFile} with a message's values. Each value is
 * escaped for where it lands, so no value can break out of its place: JSON strings through Jackson,
 * form fields with form encoding, query parameters and URL parts with percent-encoding. A value is
 * substituted once and never read as a template.
 */
public final class RequestRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestRenderer() {
    }

    /**
     * @param values  the value of each placeholder (message values and the integration's properties)
     * @param baseUrl the integration's {@code base-url}, replacing the scheme, host and port of the
     *                template's URL (a regional endpoint, a test double), or null
     */
    public static RenderedRequest render(ApiCall call, Auth auth, Function<String, String> values, String baseUrl) {
        String url = url(call.url(), values, baseUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        if (auth != null) {
            headers.put("Authorization", authorization(auth, values));
        }
        byte[] body = null;
        switch (call.encoding()) {
            case JSON -> {
                body = substitute(call.parameters(), values).toString()
                        .getBytes(StandardCharsets.UTF_8);
                headers.put("Accept", call.contentType());
            }
            case FORM -> {
                body = pairs(call.parameters(), values, RequestRenderer::formEncode).getBytes(StandardCharsets.UTF_8);
                headers.put("Accept", "*/*");
            }
            case QUERY -> {
                String query = pairs(call.parameters(), values, RequestRenderer::percentEncode);
                if (!query.isEmpty()) {
                    url = url + (url.contains("?") ? "&" : "?") + query;
                }
                headers.put("Accept", "*/*");
            }
        }
        return new RenderedRequest(call.method(), url, body == null ? null : call.contentType(), body,
                Map.copyOf(headers));
    }

    /** A deep copy of the template with every string rendered (JSON escaping happens on writing). */
    static JsonNode substitute(JsonNode node, Function<String, String> values) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(TemplateText.parse(node.asText()).render(values, v -> v));
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), substitute(e.getValue(), values));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(substitute(e, values)));
            return out;
        }
        return node;
    }

    private static String pairs(JsonNode params, Function<String, String> values, UnaryOperator<String> encode) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = e.getValue().isTextual()
                    ? TemplateText.parse(e.getValue().asText()).render(values, encode)
                    : encode.apply(e.getValue().asText());
            sb.append(sb.length() == 0 ? "" : "&").append(encode.apply(e.getKey())).append('=').append(v);
        }
        return sb.toString();
    }

    private static String url(TemplateText template, Function<String, String> values, String baseUrl) {
        String source = template.toSource();
        String url;
        if (source.startsWith("$") && !source.startsWith("$$")) {
            // a leading placeholder is the carrier's base URL (a property): inserted as a URL, not encoded
            String lead = template.names().iterator().next();
            String base = checkedUrl(values.apply(lead), "$" + lead + "$");
            String rest = TemplateText.parse(source.substring(lead.length() + 2)).render(values,
                    RequestRenderer::percentEncode);
            url = withoutTrailingSlash(base) + rest;
        } else {
            url = template.render(values, RequestRenderer::percentEncode);
        }
        if (baseUrl != null && !baseUrl.isBlank()) {
            URI u = URI.create(url);
            String tail = u.getRawPath() == null ? "" : u.getRawPath();
            if (u.getRawQuery() != null) {
                tail += "?" + u.getRawQuery();
            }
            url = withoutTrailingSlash(baseUrl) + tail;
        }
        return checkedUrl(url, "request_url");
    }

    private static String checkedUrl(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; give the integration's property");
        }
        if (!url.matches("(?i)https?://\\S+")) {
            throw new IllegalArgumentException(what + " does not make an http(s) URL");
        }
        return url;
    }

    private static String authorization(Auth auth, Function<String, String> values) {
        String value;
        if (auth.type().equals("Bearer")) {
            value = "Bearer " + auth.token().render(values, v -> v);
        } else {
            String credentials = auth.username().render(values, v -> v) + ":" + auth.password().render(values, v -> v);
            value = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // a header value with a line break would split the request
            throw new IllegalArgumentException("the " + auth.type() + " credentials contain a control character;"
                    + " fix the integration's properties");
        }
        return value;
    }

    static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** RFC 3986: everything but unreserved characters is percent-encoded (a '/' or '?' too). */
    static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
