package io.smsbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin API on two instances of one database with directory.source=database: changes through
 * one take effect on the other, secrets never come back, every change is audited, organizations are
 * fenced off from each other, and bad input is refused whole.
 */
class AdminApiTest {

    static final String OPERATOR_PASSWORD = "operator-password-0001";
    static TestBridge a;
    static TestBridge b;
    static String operator;

    @BeforeAll
    static void start() throws Exception {
        a = TestBridge.start(Fixtures.DIRECTORY, Map.of("directory.source", "database",
                "admin.operator-password", OPERATOR_PASSWORD));
        b = a.sibling();
        // the platform takes each event, so it gets exactly one post per message (a refused one is retried)
        a.mock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/platform/acme")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
        operator = login(a, "operator", OPERATOR_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        a.close();
    }

    static String login(TestBridge bridge, String name, String password) {
        TestBridge.Response r = bridge.postJson("/admin/v1/login",
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().at("/data/token").asText();
    }

    static TestBridge.Response call(TestBridge bridge, String method, String path, String token, String json) {
        return bridge.request(method, path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token);
    }

    @Test
    void aNumberAddedOnOneInstanceReceivesThroughTheOther() {
        TestBridge.Response created = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator, """
                {"number":"(917) 905-6111","country":"US","integration":"acme-didww","display-name":"Support",
                 "stickiness":"30m","header":"ACME:","users":["101","102@acme.example"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/data/number").asText()).isEqualTo("+19179056111");
        assertThat(created.json().at("/data/users").toString()).isEqualTo("[\"101@acme.example\",\"102@acme.example\"]");

        String contact = Fixtures.contact();
        String b64 = Base64.getEncoder().encodeToString("New number?".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() -> b.postJson(
                "/webhooks/acme-didww?token=" + Fixtures.DIDWW_TOKEN, """
                {"uuid":"adm-%s","src_addr":"%s","dst_addr":"19179056111","text_b64":"%s","time":"Tue, 03 Jun 2025 14:05:09 GMT"}"""
                .formatted(contact, contact.substring(1), b64)).status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.eventsFrom(contact).size() == 1);
        JsonNode event = a.eventsFrom(contact).get(0);
        assertThat(event.at("/params/group").asBoolean()).isTrue();
        assertThat(event.at("/params/recipients").size()).isEqualTo(2);

        JsonNode audit = call(a, "GET", "/admin/v1/audit?organization=acme", operator, null).json().get("data");
        assertThat(audit.toString()).contains("number.create", "+19179056111", "\"actor\":\"operator\"");
    }

    @Test
    void badInputIsRefusedWholeNamingTheField() {
        TestBridge.Response unknown = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator, """
                {"number":"+19179056112","integration":"acme-didww","users":["101"],"colour":"red"}""");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/error/message").asText()).contains("colour");
        TestBridge.Response country = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator, """
                {"number":"+19179056113","integration":"acme-didww","country":"XX","users":["101"]}""");
        assertThat(country.status()).isEqualTo(422);
        assertThat(country.json().at("/error/field").asText()).isEqualTo("country");
        TestBridge.Response noUsers = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator, """
                {"number":"+19179056114","integration":"acme-didww","users":[]}""");
        assertThat(noUsers.status()).isEqualTo(422);
        TestBridge.Response tooLong = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator,
                "{\"number\":\"+19179056116\",\"integration\":\"acme-didww\",\"users\":[\"101\"],\"display-name\":\""
                        + "x".repeat(300) + "\"}");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.json().at("/error/field").asText()).isEqualTo("display-name");
        TestBridge.Response broken = call(a, "POST", "/admin/v1/organizations/acme/numbers", operator, "{\"number\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(call(a, "GET", "/admin/v1/organizations/acme/numbers/+19179056113", operator, null).status())
                .isEqualTo(404);
    }

    @Test
    void secretsAreWriteOnlyAndTheExportUsesPlaceholders() {
        TestBridge.Response i = call(a, "GET", "/admin/v1/organizations/acme/integrations/acme-didww", operator, null);
        assertThat(i.status()).isEqualTo(200);
        assertThat(i.body()).doesNotContain(Fixtures.TRUNK_PASSWORD, Fixtures.DIDWW_TOKEN);
        assertThat(i.json().at("/data/secrets-set").toString()).contains("password", "webhook-token");
        assertThat(i.json().at("/data/status/circuit").asText()).isEqualTo("closed");

        TestBridge.Response patched = call(a, "PATCH", "/admin/v1/organizations/acme/integrations/acme-didww",
                operator, "{\"username\":\"trunk-user\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        String audit = call(a, "GET", "/admin/v1/audit", operator, null).body();
        assertThat(audit).contains("integration.update").doesNotContain(Fixtures.TRUNK_PASSWORD);

        TestBridge.Response export = call(a, "GET", "/admin/v1/directory/export", operator, null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("organizations:", "{{env:ACME_DIDWW_PASSWORD}}")
                .doesNotContain(Fixtures.TRUNK_PASSWORD, Fixtures.API_KEY);
    }

    @Test
    void aRevokedApiKeyIsRefusedOnEveryInstance() {
        TestBridge.Response created = call(a, "POST", "/admin/v1/organizations/acme/api-keys", operator,
                "{\"label\":\"ci\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().at("/data/key").asText();
        String id = created.json().at("/data/id").asText();
        String send = "{\"from\":\"" + Fixtures.SANDBOX + "\",\"to\":\"9175550188\",\"extension\":\"101\","
                + "\"domain\":\"acme.example\",\"content\":\"key test\"}";
        await().atMost(Duration.ofSeconds(3)).until(() -> b.postJson("/api/v1/messages", send,
                "Authorization", "Bearer " + key).status() == 202);
        JsonNode listed = call(a, "GET", "/admin/v1/organizations/acme/api-keys", operator, null).json().get("data");
        assertThat(listed.toString()).contains(id, key.substring(0, 8)).doesNotContain(key);

        assertThat(call(a, "DELETE", "/admin/v1/organizations/acme/api-keys/" + id, operator, null).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(3)).until(() -> b.postJson("/api/v1/messages", send,
                "Authorization", "Bearer " + key).status() == 401);
        assertThat(a.postJson("/api/v1/messages", send, "Authorization", "Bearer " + key).status()).isEqualTo(401);
    }

    @Test
    void anOrganizationAdminSeesOnlyItsOrganization() {
        TestBridge.Response created = call(a, "POST", "/admin/v1/organizations/beta/admins", operator,
                "{\"name\":\"beta-admin\",\"password\":\"beta-admin-password-1\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String beta = login(b, "beta-admin", "beta-admin-password-1");
        assertThat(call(b, "GET", "/admin/v1/organizations/beta/numbers", beta, null).status()).isEqualTo(200);
        assertThat(call(b, "GET", "/admin/v1/organizations/acme/numbers", beta, null).status()).isEqualTo(404);
        assertThat(call(b, "GET", "/admin/v1/organizations/no-such-org", beta, null).status()).isEqualTo(404);
        assertThat(call(b, "GET", "/admin/v1/organizations", beta, null).json().get("data").size()).isEqualTo(1);
        assertThat(call(b, "POST", "/admin/v1/organizations", beta, "{\"id\":\"x\",\"domain\":\"x.example\"}")
                .status()).isEqualTo(403);
    }

    @Test
    void stickySessionsAreListedHandedOverAndEnded() {
        String contact = Fixtures.contact();
        TestBridge.Response sent = a.postJson("/api/v1/messages", "{\"from\":\"" + Fixtures.STICKY + "\",\"to\":\""
                + contact + "\",\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"hello\"}",
                "Authorization", "Bearer " + Fixtures.API_KEY);
        assertThat(sent.status()).isEqualTo(202);
        String sessions = "/admin/v1/organizations/acme/numbers/" + Fixtures.STICKY.replace("+", "%2B") + "/sessions";
        JsonNode open = call(a, "GET", sessions, operator, null).json().get("data");
        assertThat(open.toString()).contains(contact, "101@acme.example", "expires_at");

        String one = sessions + "/" + contact.replace("+", "%2B");
        assertThat(call(a, "PUT", one, operator, "{\"user\":\"103\"}").status()).isEqualTo(422);
        TestBridge.Response moved = call(a, "PUT", one, operator, "{\"user\":\"102\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().at("/data/user").asText()).isEqualTo("102@acme.example");
        assertThat(call(b, "GET", sessions, operator, null).body()).contains("102@acme.example");

        assertThat(call(a, "DELETE", one, operator, null).status()).isEqualTo(204);
        assertThat(call(a, "GET", sessions, operator, null).body()).doesNotContain(contact);
        assertThat(call(a, "DELETE", one, operator, null).status()).isEqualTo(404);
        assertThat(call(a, "GET", "/admin/v1/audit", operator, null).body()).contains("session.hand-over", "session.end");
    }

    @Test
    void anApiKeyShowsItsLastUse() {
        TestBridge.Response created = call(a, "POST", "/admin/v1/organizations/acme/api-keys", operator, "{}");
        String key = created.json().at("/data/key").asText();
        String id = created.json().at("/data/id").asText();
        assertThat(created.json().at("/data/last_used_at").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> b.get("/api/v1/messages", "Authorization", "Bearer " + key)
                .status() == 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (JsonNode k : call(a, "GET", "/admin/v1/organizations/acme/api-keys", operator, null).json().get("data")) {
                if (k.get("id").asText().equals(id)) {
                    return !k.get("last_used_at").isNull();
                }
            }
            return false;
        });
    }

    @Test
    void aSignedOutTokenIsRefusedOnEveryInstance() {
        String token = login(a, "operator", OPERATOR_PASSWORD);
        assertThat(call(b, "GET", "/admin/v1/me", token, null).status()).isEqualTo(200);
        assertThat(call(a, "POST", "/admin/v1/logout", token, null).status()).isEqualTo(204);
        assertThat(call(b, "GET", "/admin/v1/me", token, null).status()).isEqualTo(401);
    }

    @Test
    void failedSignInsAreRefusedThenThrottled() {
        TestBridge.Response wrong = a.postJson("/admin/v1/login", "{\"name\":\"operator\",\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(a.get("/admin/v1/me").status()).isEqualTo(401);
        assertThat(a.get("/admin/v1/me", "Authorization", "Bearer not-a-session").status()).isEqualTo(401);
        // the demo password is refused outside demo mode
        assertThat(a.postJson("/admin/v1/login", "{\"name\":\"operator\",\"password\":\"sms-bridge-demo\"}")
                .status()).isEqualTo(401);
        int status = 0;
        for (int i = 0; i < 6 && status != 429; i++) {
            status = a.postJson("/admin/v1/login", "{\"name\":\"x\",\"password\":\"y\"}").status();
        }
        assertThat(status).isEqualTo(429);
        // throttled even with the right password, from this source
        assertThat(a.postJson("/admin/v1/login", "{\"name\":\"operator\",\"password\":\"" + OPERATOR_PASSWORD + "\"}")
                .status()).isEqualTo(429);
    }

    @Test
    void messagesAreSearchedExportedAndAFailedOneIsRetried() {
        String contact = Fixtures.contact();
        String send = "{\"from\":\"" + Fixtures.SANDBOX + "\",\"to\":\"" + contact + "\",\"extension\":\"101\","
                + "\"domain\":\"acme.example\",\"content\":\"search me, please\"}";
        TestBridge.Response sent = a.postJson("/api/v1/messages", send, "Authorization", "Bearer " + Fixtures.API_KEY);
        assertThat(sent.status()).isEqualTo(202);
        String id = sent.json().at("/data/id").asText();
        JsonNode found = call(a, "GET", "/admin/v1/organizations/acme/messages?direction=outbound&contact="
                + contact.substring(2), operator, null).json();
        assertThat(found.get("data").size()).isEqualTo(1);
        assertThat(found.at("/data/0/id").asText()).isEqualTo(id);
        TestBridge.Response csv = call(a, "GET", "/admin/v1/organizations/acme/messages/export?contact="
                + contact.substring(1), operator, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,created_at,direction").contains(id, "\"search me, please\"");
        assertThat(call(a, "GET", "/admin/v1/organizations/acme/messages/" + id, operator, null).json()
                .at("/data/history").size()).isPositive();
        // only a failed message can be sent again
        TestBridge.Response retry = call(a, "POST", "/admin/v1/organizations/acme/messages/" + id + "/retry",
                operator, null);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(call(a, "GET", "/admin/v1/organizations/other/messages/" + id, operator, null).status())
                .isEqualTo(404);
        JsonNode overview = call(a, "GET", "/admin/v1/overview?organization=acme", operator, null).json().get("data");
        assertThat(overview.get("per_minute").size()).isBetween(59, 61);
        assertThat(overview.get("per_minute").toString()).contains("\"out\":1");
    }

    @Test
    void theFileModeDirectoryIsReadOnly() throws Exception {
        try (TestBridge file = TestBridge.start(Fixtures.DIRECTORY, Map.of("admin.operator-password",
                OPERATOR_PASSWORD))) {
            String token = login(file, "operator", OPERATOR_PASSWORD);
            assertThat(call(file, "GET", "/admin/v1/organizations/acme/numbers", token, null).status()).isEqualTo(200);
            TestBridge.Response refused = call(file, "POST", "/admin/v1/organizations/acme/numbers", token,
                    "{\"number\":\"+19179056115\",\"integration\":\"acme-didww\",\"users\":[\"101\"]}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("directory_read_only");
            assertThat(call(file, "POST", "/admin/v1/organizations/acme/api-keys", token, "{}").status())
                    .isEqualTo(409);
            assertThat(call(file, "GET", "/admin/v1/directory/export", token, null).body()).contains("acme");
        }
    }
}
