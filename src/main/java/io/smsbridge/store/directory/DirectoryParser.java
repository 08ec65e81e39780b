package io.smsbridge.store.directory;

import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smsbridge.core.secret.Hashes;
import io.smsbridge.core.phone.InvalidNumberException;
import io.smsbridge.core.phone.NumberFormat;
import io.smsbridge.core.phone.PhoneNumbers;
import io.smsbridge.core.directory.ProviderSpec;
import io.smsbridge.core.directory.ProviderCatalog;
import io.smsbridge.core.directory.ProviderName;
import io.smsbridge.core.spelling.NearestName;
import io.smsbridge.core.stickiness.Stickiness;
import io.smsbridge.core.retry.OnUncertain;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and validates config/directory.yaml. Every error names the entry by its path in the file
 * (e.g. {@code organizations[0].numbers[1].stickiness}) and says what is wrong.
 */
public final class DirectoryParser {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> INTEGRATION_FIELDS = Set.of("id", "provider", "webhook-token", "properties");
    private static final Set<String> ROOT_FIELDS = Set.of("organizations");
    private static final Set<String> ORGANIZATION_FIELDS = Set.of("id", "domain", "platform", "api-keys", "integrations",
            "numbers", "smart-encoding");
    private static final Set<String> PLATFORM_FIELDS = Set.of("webhook-url", "headers");
    private static final Set<String> NUMBER_FIELDS = Set.of("number", "integration", "country", "display-name",
            "stickiness", "platform-number-format", "header", "footer", "users", "rate", "burst", "opt-out", "smart-encoding");
    /** Settings every integration takes, whatever its carrier. */
    private static final Set<String> COMMON_SETTINGS = Set.of("rate", "burst", "allowed-sources");

    /** The shortest API key taken: a platform's key guards every number of the organization. */
    public static final int MIN_API_KEY = 24;
    private final UnaryOperator<String> placeholders;
    private final ProviderCatalog providers;

    /**
     * @param placeholders resolves {@code {{env:NAME}}} and other property placeholders in a value
     * @param providers    the providers integrations may name (built-in and templates)
     */
    public DirectoryParser(UnaryOperator<String> placeholders, ProviderCatalog providers) {
        this.placeholders = placeholders;
        this.providers = providers;
    }

    public Directory parse(String yaml, String fileName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (Exception e) {
            throw new DirectoryException(fileName + ": not valid YAML: " + e.getMessage());
        }
        return parse(root, fileName);
    }

    /** A directory already read as a tree (the database's document, an admin change). */
    public Directory parse(JsonNode root, String fileName) {
        if (root == null || !root.isObject() || !root.path("organizations").isArray()) {
            throw new DirectoryException(fileName + ": expected a top-level 'organizations:' list");
        }
        knownKeys(root, ROOT_FIELDS, fileName + ":");
        Map<String, Organization> orgs = new LinkedHashMap<>();
        Map<String, Integration> integrations = new LinkedHashMap<>();
        Map<String, SmsNumber> numbers = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        JsonNode list = root.get("organizations");
        for (int i = 0; i < list.size(); i++) {
            parseOrganization(list.get(i), fileName + ": organizations[" + i + "]", orgs, integrations, numbers,
                    keys);
        }
        return new Directory(Map.copyOf(orgs), Map.copyOf(integrations), Map.copyOf(numbers), Map.copyOf(keys));
    }

    private void parseOrganization(JsonNode o, String path, Map<String, Organization> orgs,
            Map<String, Integration> integrations, Map<String, SmsNumber> numbers, Map<String, String> keys) {
        String id = requireId(o, path);
        knownKeys(o, ORGANIZATION_FIELDS, path);
        if (orgs.containsKey(id)) {
            throw error(path + ".id", "organization '" + id + "' is listed twice");
        }
        String domain = required(o, "domain", path).toLowerCase(Locale.ROOT);
        JsonNode platform = o.path("platform");
        if (platform.isObject()) {
            knownKeys(platform, PLATFORM_FIELDS, path + ".platform");
        }
        String webhook = optional(platform, "webhook-url", path + ".platform");
        if (webhook != null) {
            checkHttpUrl(webhook, path + ".platform.webhook-url");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = platform.path("headers");
        if (!h.isMissingNode() && !h.isNull()) {
            if (!h.isObject()) {
                throw error(path + ".platform.headers", "expected a map of header name to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.put(e.getKey(), resolve(e.getValue().asText(), path + ".platform.headers." + e.getKey()));
            }
        }
        List<String> apiKeys = new ArrayList<>();
        JsonNode k = o.path("api-keys");
        if (!k.isMissingNode() && !k.isArray()) {
            throw error(path + ".api-keys", "expected a list of API keys");
        }
        for (int j = 0; j < k.size(); j++) {
            String key = resolve(k.get(j).asText(), path + ".api-keys[" + j + "]");
            if (key.isBlank()) {
                throw error(path + ".api-keys[" + j + "]", "API key is empty");
            }
            if (key.length() < MIN_API_KEY) {
                throw error(path + ".api-keys[" + j + "]", "API key is " + key.length() + " characters; use at least "
                        + MIN_API_KEY + " random ones (openssl rand -hex 16)");
            }
            String hash = Hashes.sha256(key);
            String owner = keys.putIfAbsent(hash, id);
            if (owner != null) {
                throw error(path + ".api-keys[" + j + "]", "the same API key is already given to organization '"
                        + owner + "'");
            }
            apiKeys.add(key);
        }
        Boolean smart = flag(o, "smart-encoding", path);
        orgs.put(id, new Organization(id, domain, webhook, Map.copyOf(headers), List.copyOf(apiKeys),
                smart != null && smart));

        JsonNode ints = o.path("integrations");
        for (int j = 0; j < ints.size(); j++) {
            Integration in = parseIntegration(ints.get(j), id, path + ".integrations[" + j + "]");
            if (integrations.containsKey(in.id())) {
                throw error(path + ".integrations[" + j + "].id", "integration '" + in.id() + "' is listed twice");
            }
            integrations.put(in.id(), in);
        }
        JsonNode nums = o.path("numbers");
        for (int j = 0; j < nums.size(); j++) {
            SmsNumber n = parseNumber(nums.get(j), id, domain, integrations, path + ".numbers[" + j + "]");
            if (numbers.containsKey(n.number())) {
                throw error(path + ".numbers[" + j + "].number", "number " + n.number() + " is listed twice");
            }
            numbers.put(n.number(), n);
        }
    }

    private Integration parseIntegration(JsonNode node, String orgId, String path) {
        String id = requireId(node, path);
        String provider = required(node, "provider", path);
        // carrier names are case-insensitive, variants (template ids) are as their files write them
        provider = ProviderName.normalize(provider);
        ProviderSpec spec = providers.spec(provider);
        if (spec == null) {
            throw error(path + ".provider", "unknown provider '" + provider + "'; known: "
                    + String.join(", ", providers.names()) + (provider.startsWith("template:")
                    ? " (a template is a providers/<id>.json file, read at start-up)" : ""));
        }
        String token = optional(node, "webhook-token", path);
        if (spec.needsWebhookToken()) {
            if (token == null) {
                throw error(path + ".webhook-token", "missing: carriers must present this secret on /webhooks/" + id);
            }
            if (token.length() < 16) {
                throw error(path + ".webhook-token", "too short: use at least 16 random characters");
            }
        }
        Set<String> allowed = new java.util.TreeSet<>(INTEGRATION_FIELDS);
        allowed.addAll(spec.knownSettings());
        allowed.addAll(COMMON_SETTINGS);
        knownKeys(node, allowed, path);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!INTEGRATION_FIELDS.contains(e.getKey())) {
                settings.put(e.getKey(), resolve(e.getValue().asText(), path + "." + e.getKey()));
            }
        }
        settings.putAll(properties(node.path("properties"), spec, path));
        for (String required : spec.requiredSettings()) {
            String v = settings.get(required);
            if (v == null || v.isBlank()) {
                throw error(path + "." + required, "missing: a " + provider + " integration needs " + required);
            }
        }
        String fallback = settings.get("mms-fallback");
        if (fallback != null && !fallback.equalsIgnoreCase("link") && !fallback.equalsIgnoreCase("reject")) {
            throw error(path + ".mms-fallback", "'" + fallback + "' is not link or reject");
        }
        String onUncertain = settings.get("on-uncertain");
        if (onUncertain != null) {
            OnUncertain mode;
            try {
                mode = OnUncertain.parse(onUncertain);
            } catch (IllegalArgumentException e) {
                throw error(path + ".on-uncertain", e.getMessage());
            }
            if (mode == OnUncertain.CHECK && !spec.canLookUp()) {
                throw error(path + ".on-uncertain", "check: " + provider + " cannot be asked whether it took a"
                        + " message; use fail (never twice) or resend (never lost)");
            }
        }
        rate(settings.get("rate"), settings.get("burst"), path);
        try {
            io.smsbridge.core.net.AddressRanges.parse(settings.get("allowed-sources"));
        } catch (IllegalArgumentException e) {
            throw error(path + ".allowed-sources", e.getMessage());
        }
        String baseUrl = settings.get("base-url");
        if (baseUrl != null) {
            checkHttpUrl(baseUrl, path + ".base-url");
        }
        return new Integration(id, orgId, provider, token, Map.copyOf(settings));
    }

    /** A template integration's {@code properties:} (label: value), stored as {@code properties.<label>}. */
    private Map<String, String> properties(JsonNode node, ProviderSpec spec, String path) {
        boolean given = !node.isMissingNode() && !node.isNull();
        String provider = spec.name();
        if (spec.properties() == null) {
            if (given) {
                throw error(path + ".properties", "only template providers take properties; " + provider
                        + " takes its settings as keys of the integration");
            }
            return Map.of();
        }
        if (given && !node.isObject()) {
            throw error(path + ".properties", "expected a map of property label to value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (given) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + ".properties." + e.getKey();
                if (!spec.properties().contains(e.getKey())) {
                    throw error(p, provider.replace(':', ' ') + " has no property '" + e.getKey() + "' (its"
                            + " properties: " + spec.properties() + ")");
                }
                if (!e.getValue().isValueNode()) {
                    throw error(p, "expected a single value");
                }
                String v = resolve(e.getValue().asText(), p);
                if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw error(p, "contains a line break or another control character");
                }
                out.put(Integration.PROPERTY_PREFIX + e.getKey(), v);
            }
        }
        for (String label : spec.properties()) {
            String v = out.get(Integration.PROPERTY_PREFIX + label);
            if (v == null || v.isBlank()) {
                throw error(path + ".properties." + label, "missing: " + provider.replace(':', ' ') + " needs it");
            }
        }
        return out;
    }

    private SmsNumber parseNumber(JsonNode node, String orgId, String domain, Map<String, Integration> integrations,
            String path) {
        if (node != null && node.isObject()) {
            knownKeys(node, NUMBER_FIELDS, path);
        }
        String raw = required(node, "number", path);
        String number;
        try {
            number = PhoneNumbers.requireE164(raw);
        } catch (InvalidNumberException e) {
            throw error(path + ".number", e.getMessage());
        }
        String integrationId = required(node, "integration", path);
        Integration integration = integrations.get(integrationId);
        if (integration == null || !integration.organizationId().equals(orgId)) {
            throw error(path + ".integration", "no integration '" + integrationId
                    + "' in this organization (integrations are listed before numbers)");
        }
        String country = optional(node, "country", path);
        if (country == null) {
            country = PhoneNumbers.regionOf(number);
            if (country == null) {
                throw error(path + ".country", "missing, and " + number + " does not tell it; give an ISO code like US");
            }
        }
        country = country.toUpperCase(Locale.ROOT);
        if (!PhoneNumbers.isKnownRegion(country)) {
            throw error(path + ".country", "'" + country + "' is not an ISO 3166 country code such as US or DE");
        }
        Duration stickiness;
        try {
            stickiness = Stickiness.parse(optional(node, "stickiness", path));
        } catch (IllegalArgumentException e) {
            throw error(path + ".stickiness", e.getMessage());
        }
        NumberFormat format;
        try {
            format = NumberFormat.fromConfig(optional(node, "platform-number-format", path));
        } catch (IllegalArgumentException e) {
            throw error(path + ".platform-number-format", e.getMessage());
        }
        List<String> users = new ArrayList<>();
        JsonNode u = node.path("users");
        if (!u.isArray() || u.isEmpty()) {
            throw error(path + ".users", "a number needs at least one assigned user (extension@" + domain + ")");
        }
        for (int i = 0; i < u.size(); i++) {
            String user = resolve(u.get(i).asText(), path + ".users[" + i + "]").trim().toLowerCase(Locale.ROOT);
            int at = user.indexOf('@');
            if (at <= 0 || at == user.length() - 1) {
                throw error(path + ".users[" + i + "]", "'" + user + "' is not extension@domain");
            }
            if (!user.substring(at + 1).equals(domain)) {
                throw error(path + ".users[" + i + "]", "'" + user + "' is not in the organization's domain " + domain);
            }
            if (!users.contains(user)) {
                users.add(user);
            }
        }
        return new SmsNumber(number, orgId, integrationId, country, optional(node, "display-name", path), stickiness,
                format, optional(node, "header", path), optional(node, "footer", path), List.copyOf(users),
                rate(optional(node, "rate", path), optional(node, "burst", path), path), optOut(node.path("opt-out"),
                path + ".opt-out"), flag(node, "smart-encoding", path));
    }

    /** A true/false setting, null when absent. */
    private static Boolean flag(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String t = v.asText().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw error(path + "." + field, "'" + v.asText() + "' is not true or false");
    }

    /** A number's own opt-out keyword settings (checked against the defaults by DirectoryLimits). */
    private Map<String, String> optOut(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error(path, "expected a map of opt-out settings (" + String.join(", ",
                    new java.util.TreeSet<>(io.smsbridge.core.optout.Keywords.SETTINGS)) + ")");
        }
        knownKeys(node, io.smsbridge.core.optout.Keywords.SETTINGS, path);
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), resolve(e.getValue().asText(), path + "." + e.getKey())));
        return Map.copyOf(out);
    }

    /** A send rate (rate: 10/s, burst: 20), null when none is set; a burst alone is refused. */
    private static io.smsbridge.core.traffic.SendRate rate(String rate, String burst, String path) {
        if (rate == null || rate.isBlank()) {
            if (burst != null && !burst.isBlank()) {
                throw error(path + ".burst", "a burst needs a rate (rate: 10/s)");
            }
            return null;
        }
        try {
            return io.smsbridge.core.traffic.SendRate.parse(rate, burst);
        } catch (IllegalArgumentException e) {
            throw error(path + (e.getMessage().startsWith("burst") || e.getMessage().startsWith("the burst")
                    ? ".burst" : ".rate"), e.getMessage());
        }
    }

    /** A key the bridge does not read is a typo until shown otherwise: refused, with the key it likely meant. */
    private static void knownKeys(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path.endsWith(":") ? path + " " + key : path + "." + key, "unknown key '" + key + "'"
                        + NearestName.hint(key, allowed) + " (known here: " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + ")");
            }
        }
    }

    private String requireId(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected a map");
        }
        String id = required(node, "id", path);
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw error(path + ".id", "'" + id + "' may hold only letters, digits, '.', '_' and '-' (64 at most)");
        }
        return id;
    }

    private String required(JsonNode node, String field, String path) {
        String v = optional(node, field, path);
        if (v == null) {
            throw error(path + "." + field, "missing");
        }
        return v;
    }

    private String optional(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(path + "." + field, "expected a single value");
        }
        String s = resolve(v.asText(), path + "." + field).trim();
        return s.isEmpty() ? null : s;
    }

    private String resolve(String value, String path) {
        if (value == null || !value.contains("{{")) {
            return value;
        }
        try {
            return placeholders.apply(value);
        } catch (RuntimeException e) {
            throw error(path, "cannot resolve '" + value + "': " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("demo") ? ""
                    : " (set the environment variable)"));
        }
    }

    private static void checkHttpUrl(String url, String path) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw error(path, "'" + url + "' is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw error(path, "'" + url + "' is not a URL: " + e.getMessage());
        }
    }

    private static DirectoryException error(String path, String what) {
        int colon = path.indexOf(": ");
        return new DirectoryException(path + ": " + what, colon < 0 ? null : path.substring(colon + 2));
    }
}
