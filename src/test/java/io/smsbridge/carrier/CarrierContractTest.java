package io.smsbridge.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.ProviderName;
import io.smsbridge.core.message.CarrierEvent;
import io.smsbridge.core.message.InboundSms;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import io.smsbridge.core.message.StatusReport;
import io.smsbridge.core.retry.RetryPolicies;
import io.smsbridge.core.retry.RetryPolicy;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every carrier on the classpath against its own fixture table, {@code contract.json} in its test
 * folder (docs/carriers/adding-a-carrier.md): webhook payload → canonical message or status report (or
 * the refusal), message → the HTTP call, carrier answer → accepted id or retry class, judged by the
 * retry table of the shipped application.properties. No carrier is named here.
 */
class CarrierContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> everyCarrierKeepsItsContract() {
        List<DynamicNode> out = new ArrayList<>();
        for (Carrier carrier : ServiceLoader.load(Carrier.class)) {
            out.add(DynamicContainer.dynamicContainer(carrier.name(), cases(carrier)));
        }
        assertThat(out).as("carriers found by ServiceLoader").isNotEmpty();
        return out.stream();
    }

    private static Stream<DynamicNode> cases(Carrier carrier) {
        JsonNode table;
        try (InputStream in = carrier.getClass().getResourceAsStream("contract.json")) {
            if (in == null) {
                return Stream.of(DynamicTest.dynamicTest("has a contract.json", () -> fail(carrier.getClass()
                        .getName() + " has no contract.json beside its tests (src/test/java/<its package>/)")));
            }
            table = JSON.readTree(in);
        } catch (IOException e) {
            return Stream.of(DynamicTest.dynamicTest("has a readable contract.json", () -> fail(e.getMessage())));
        }
        Properties shipped = shippedProperties();
        CarrierSettings settings = key -> Optional.ofNullable(text(table.path("settings"), key))
                .or(() -> Optional.ofNullable(shipped.getProperty(key)));
        carrier.start(settings);
        Integration integration = integration(table.path("integration"));
        RetryPolicy policy = new RetryPolicies(shipped::getProperty).forProvider(integration.provider());
        Fixtures fixtures = new Fixtures(carrier.getClass());

        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("serves the integration's provider", () -> assertThat(carrier.providers())
                .anySatisfy(p -> assertThat(p.name()).isEqualTo(integration.provider()))));
        for (JsonNode c : table.path("webhooks")) {
            tests.add(DynamicTest.dynamicTest("webhook " + name(c), () -> webhook(carrier, integration, fixtures, c)));
        }
        for (JsonNode c : table.path("sends")) {
            tests.add(DynamicTest.dynamicTest("send " + name(c), () -> send(carrier, integration, fixtures, c)));
        }
        for (JsonNode c : table.path("answers")) {
            tests.add(DynamicTest.dynamicTest("answer " + name(c), () -> answer(carrier, integration, policy,
                    fixtures, table.path("message"), c)));
        }
        for (JsonNode c : table.path("followUps")) {
            tests.add(DynamicTest.dynamicTest("follow-ups " + name(c), () -> followUps(carrier, integration, c)));
        }
        assertThat(tests.size()).as(carrier.name() + "'s contract.json has cases").isGreaterThan(1);
        return tests.stream().map(DynamicNode.class::cast);
    }

    private static void webhook(Carrier carrier, Integration base, Fixtures fixtures, JsonNode c) {
        Integration integration = withSettings(base, c.path("integrationSettings"));
        String fixture = text(c, "fixture");
        String body = fixture != null ? fixtures.read(fixture) : text(c, "body");
        String contentType = text(c, "contentType") != null ? text(c, "contentType")
                : fixture != null && fixture.endsWith(".json") ? "application/json"
                : body == null || body.isEmpty() ? null : "application/x-www-form-urlencoded";
        WebhookRequest request = WebhookRequest.parse(Optional.ofNullable(text(c, "method")).orElse("POST"),
                contentType, text(c, "query"), body);
        JsonNode expect = c.path("expect");
        if (expect.has("refused")) {
            assertThatThrownBy(() -> carrier.parse(request, integration))
                    .hasMessageContaining(expect.path("refused").asText());
            return;
        }
        CarrierEvent event = carrier.parse(request, integration);
        if (expect.has("inbound")) {
            assertThat(event).isInstanceOf(CarrierEvent.Inbound.class);
            InboundSms sms = ((CarrierEvent.Inbound) event).sms();
            JsonNode e = expect.path("inbound");
            assertThat(sms.from()).as("from").isEqualTo(text(e, "from"));
            assertThat(sms.to()).as("to").isEqualTo(text(e, "to"));
            assertThat(sms.text()).as("text").isEqualTo(e.path("text").asText(""));
            assertThat(sms.mediaUrls()).as("media").isEqualTo(strings(e.path("media")));
            assertThat(sms.providerMessageId()).as("carrier id").isEqualTo(text(e, "carrierId"));
            assertThat(sms.dedupeKey()).as("dedupe key").isNotBlank();
        } else {
            assertThat(event).isInstanceOf(CarrierEvent.Status.class);
            StatusReport r = ((CarrierEvent.Status) event).report();
            JsonNode e = expect.path("status");
            assertThat(r.status().name()).as("status").isEqualTo(text(e, "status"));
            assertThat(r.providerMessageId()).as("carrier id").isEqualTo(text(e, "carrierId"));
            assertThat(r.notifyPlatform()).as("tells the platform").isEqualTo(e.path("notify").asBoolean(true));
            assertThat(r.code()).as("code").isEqualTo(text(e, "code"));
            if (e.has("reason")) {
                assertThat(r.reason()).as("reason").contains(text(e, "reason"));
            }
            assertThat(r.dedupeKey()).as("dedupe key").isNotBlank();
        }
    }

    private static void send(Carrier carrier, Integration base, Fixtures fixtures, JsonNode c) throws IOException {
        Integration integration = withSettings(base, c.path("integrationSettings"));
        CarrierCall call = carrier.send(message(integration, c.path("message")));
        JsonNode e = c.path("expect");
        if (e.has("done")) {
            assertThat(call.isDone()).as("known without a call").isTrue();
            assertThat(call.done().isAccepted()).isEqualTo(e.path("done").path("accepted").asBoolean());
            return;
        }
        assertThat(call.isDone()).as("a call to make").isFalse();
        assertThat(call.method()).isEqualTo(text(e, "method"));
        assertThat(call.url()).isEqualTo(text(e, "url"));
        assertThat(call.query()).isEqualTo(text(e, "query"));
        assertThat(call.contentType()).startsWith(text(e, "contentType"));
        e.path("headers").fields().forEachRemaining(h -> assertThat(call.headers()).containsEntry(h.getKey(),
                h.getValue().asText()));
        String body = new String(call.body(), StandardCharsets.UTF_8);
        if (e.has("body")) {
            assertThat(JSON.readTree(body)).as("body").isEqualTo(JSON.readTree(fixtures.read(text(e, "body"))));
        }
        for (JsonNode part : e.path("bodyContains")) {
            assertThat(body).contains(part.asText());
        }
    }

    private static void answer(Carrier carrier, Integration integration, RetryPolicy policy, Fixtures fixtures,
            JsonNode message, JsonNode c) {
        CarrierCall call = carrier.send(message(integration, message));
        String fixture = text(c, "fixture");
        String body = fixture != null ? fixtures.read(fixture) : c.path("body").asText("");
        Duration retryAfter = c.has("retryAfter") ? Duration.ofSeconds(c.path("retryAfter").asLong()) : null;
        SendResult r = carrier.answer(call, new CarrierAnswer(c.path("status").asInt(), body, retryAfter));
        JsonNode e = c.path("expect");
        if (e.has("accepted")) {
            assertThat(r.isAccepted()).as("accepted; failure %s", r.failure()).isTrue();
            assertThat(r.providerMessageId()).isEqualTo(text(e, "accepted"));
            return;
        }
        assertThat(r.isAccepted()).as("accepted").isFalse();
        assertThat(policy.classify(r.failure()).name()).as("retry class of %s", r.failure().keys())
                .isEqualTo(text(e, "class"));
        if (e.has("code")) {
            assertThat(r.failure().code()).isEqualTo(text(e, "code"));
        }
        if (e.has("reason")) {
            assertThat(r.failure().reason()).contains(text(e, "reason"));
        }
        assertThat(r.retryAfter()).isEqualTo(retryAfter);
    }

    private static void followUps(Carrier carrier, Integration base, JsonNode c) {
        Integration integration = withSettings(base, c.path("integrationSettings"));
        OutboundSms sms = message(integration, c.path("message"));
        CarrierCall call = carrier.send(sms);
        SendResult result = call.isDone() ? call.done() : fail("a carrier with follow-ups knows its result");
        List<FollowUp> events = carrier.followUps(sms, result);
        List<String> expected = strings(c.path("expect"));
        assertThat(events).extracting(f -> f.event().kind() + " after " + f.delay().toMillis() + "ms")
                .containsExactlyElementsOf(expected);
    }

    private static OutboundSms message(Integration integration, JsonNode m) {
        return new OutboundSms("m-1", integration, text(m, "from"), text(m, "to"),
                Optional.ofNullable(text(m, "user")).orElse("101@acme.example"), m.path("text").asText(""),
                strings(m.path("media")), 1);
    }

    private static Integration integration(JsonNode n) {
        Map<String, String> settings = new LinkedHashMap<>();
        n.path("settings").fields().forEachRemaining(f -> settings.put(f.getKey(), f.getValue().asText()));
        return new Integration(text(n, "id"), "acme", ProviderName.normalize(text(n, "provider")),
                text(n, "webhookToken"), Map.copyOf(settings));
    }

    private static Integration withSettings(Integration base, JsonNode extra) {
        if (extra.isMissingNode() || extra.isEmpty()) {
            return base;
        }
        Map<String, String> settings = new LinkedHashMap<>(base.settings());
        extra.fields().forEachRemaining(f -> settings.put(f.getKey(), f.getValue().asText()));
        return new Integration(base.id(), base.organizationId(), base.provider(), base.webhookToken(),
                Map.copyOf(settings));
    }

    private static Properties shippedProperties() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.properties", e);
        }
        return p;
    }

    private static String name(JsonNode c) {
        return Optional.ofNullable(text(c, "name")).or(() -> Optional.ofNullable(text(c, "fixture")))
                .orElse(c.toString());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    /** The carrier's fixture payloads: {@code fixtures/} beside its contract.json. */
    private record Fixtures(Class<?> carrier) {
        String read(String name) {
            try (InputStream in = carrier.getResourceAsStream("fixtures/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture " + name + " beside " + carrier.getSimpleName());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
