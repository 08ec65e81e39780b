package io.smsbridge.store.directory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory written back in the directory file's shape: what the database keeps in database mode
 * (secrets as they are) and what the export gives (secrets as {{env:…}} placeholders, for git).
 * API keys are never part of it: they are stored hashed, apart.
 */
public final class DirectoryDocument {

    /** What a secret becomes: its value, or a placeholder naming an environment variable. */
    public interface Secrets {
        String write(String owner, String key, String value);

        Secrets AS_IS = (owner, key, value) -> value;
        Secrets AS_PLACEHOLDERS = (owner, key, value) -> "{{env:" + (owner + "_" + key)
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "}}";
    }

    private DirectoryDocument() {
    }

    public static ObjectNode of(Directory d, Secrets secrets) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode orgs = root.putArray("organizations");
        d.organizations().values().stream().sorted(Comparator.comparing(Organization::id)).forEach(o -> {
            ObjectNode on = orgs.addObject();
            on.put("id", o.id());
            on.put("domain", o.domain());
            if (o.smartEncoding()) {
                on.put("smart-encoding", true);
            }
            if (o.webhookUrl() != null || !o.webhookHeaders().isEmpty()) {
                ObjectNode p = on.putObject("platform");
                if (o.webhookUrl() != null) {
                    p.put("webhook-url", o.webhookUrl());
                }
                if (!o.webhookHeaders().isEmpty()) {
                    ObjectNode h = p.putObject("headers");
                    new TreeMap<>(o.webhookHeaders()).forEach((k, v) -> h.put(k, secrets.write(o.id(), "header_" + k, v)));
                }
            }
            ArrayNode ints = on.putArray("integrations");
            d.integrations().values().stream().filter(i -> i.organizationId().equals(o.id()))
                    .sorted(Comparator.comparing(Integration::id)).forEach(i -> ints.add(integration(i, secrets)));
            ArrayNode nums = on.putArray("numbers");
            d.numbers().values().stream().filter(n -> n.organizationId().equals(o.id()))
                    .sorted(Comparator.comparing(SmsNumber::number)).forEach(n -> nums.add(number(n)));
        });
        return root;
    }

    static ObjectNode integration(Integration i, Secrets secrets) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", i.id());
        n.put("provider", i.provider());
        if (i.webhookToken() != null) {
            n.put("webhook-token", secrets.write(i.id(), "webhook-token", i.webhookToken()));
        }
        ObjectNode props = null;
        for (Map.Entry<String, String> e : new TreeMap<>(i.settings()).entrySet()) {
            String key = e.getKey();
            String value = Integration.isSecret(key) ? secrets.write(i.id(), key, e.getValue()) : e.getValue();
            if (key.startsWith(Integration.PROPERTY_PREFIX)) {
                if (props == null) {
                    props = n.putObject("properties");
                }
                props.put(key.substring(Integration.PROPERTY_PREFIX.length()), value);
            } else {
                n.put(key, value);
            }
        }
        return n;
    }

    static ObjectNode number(SmsNumber s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("number", s.number());
        n.put("integration", s.integrationId());
        n.put("country", s.country());
        if (s.displayName() != null) {
            n.put("display-name", s.displayName());
        }
        n.put("stickiness", stickiness(s.stickiness()));
        n.put("platform-number-format", s.platformFormat().configName());
        if (s.header() != null) {
            n.put("header", s.header());
        }
        if (s.footer() != null) {
            n.put("footer", s.footer());
        }
        ArrayNode users = n.putArray("users");
        s.users().forEach(users::add);
        if (s.smartEncoding() != null) {
            n.put("smart-encoding", s.smartEncoding());
        }
        if (!s.optOut().isEmpty()) {
            ObjectNode o = n.putObject("opt-out");
            new TreeMap<>(s.optOut()).forEach(o::put);
        }
        if (s.rate() != null) {
            n.put("rate", rate(s.rate().perSecond()));
            n.put("burst", String.valueOf(s.rate().burst()));
        }
        return n;
    }

    static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? (long) perSecond + "/s"
                : perSecond * 3600 == Math.rint(perSecond * 3600) ? (long) (perSecond * 3600) + "/h" : perSecond + "/s";
    }

    /** As the file writes it: 0, 30s, 15m, 1h, 1d (ISO-8601 for anything else). */
    static String stickiness(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return d.getNano() == 0 ? s + "s" : d.toString();
    }
}
