package io.smsbridge.e2e;

import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.smsbridge.e2e.Fixtures.API_KEY;
import static io.smsbridge.e2e.Fixtures.DIDWW_TOKEN;
import static io.smsbridge.e2e.Fixtures.DIRECTORY;
import static io.smsbridge.e2e.Fixtures.OTHER_API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Every error of the contract (README "The two HTTP surfaces"): status, code, a message that says what to do, nothing stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractErrorsTest {

    TestBridge bridge;

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(DIRECTORY, Map.of());
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    int messages() {
        return bridge.database().withConnection(c -> Sql.one(c, "SELECT COUNT(*) FROM messages", rs -> rs.getInt(1)));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            no API key              | <none>             | 401 | unauthorized      | {"from":"+19179056077","to":"9175550123","extension":"101","content":"Hi"}
            unknown API key         | Bearer nope        | 401 | unauthorized      | {"from":"+19179056077","to":"9175550123","extension":"101","content":"Hi"}
            not a bearer key        | Basic abc          | 401 | unauthorized      | {"from":"+19179056077","to":"9175550123","extension":"101","content":"Hi"}
            body not JSON           | acme               | 400 | bad_request       | {"from":
            body not an object      | acme               | 400 | bad_request       | ["from"]
            missing to              | acme               | 400 | bad_request       | {"from":"+19179056077","extension":"101","content":"Hi"}
            missing extension       | acme               | 400 | bad_request       | {"from":"+19179056077","to":"9175550123","content":"Hi"}
            unknown number          | acme               | 404 | not_found         | {"from":"+12125550000","to":"9175550123","extension":"101","content":"Hi"}
            another org's number    | acme               | 404 | not_found         | {"from":"+15550100002","to":"9175550123","extension":"201","content":"Hi"}
            user not on the number  | acme               | 403 | forbidden         | {"from":"+19179056077","to":"9175550123","extension":"103","content":"Hi"}
            user of another domain  | acme               | 403 | forbidden         | {"from":"+19179056077","to":"9175550123","extension":"101","domain":"other.example","content":"Hi"}
            empty content           | acme               | 422 | empty_content     | {"from":"+19179056077","to":"9175550123","extension":"101","content":"  "}
            no content at all       | acme               | 422 | empty_content     | {"from":"+19179056077","to":"9175550123","extension":"101"}
            unparseable contact     | acme               | 422 | invalid_number    | {"from":"+19179056077","to":"+1 23","extension":"101","content":"Hi"}
            contact of no country   | acme               | 422 | invalid_number    | {"from":"+19179056077","to":"+999 1234 5678","extension":"101","content":"Hi"}
            alphanumeric contact    | acme               | 422 | invalid_number    | {"from":"+19179056077","to":"ACME","extension":"101","content":"Hi"}
            picture, no MMS allowed | acme               | 422 | mms_not_supported | {"from":"+19179056092","to":"9175550123","extension":"101","media_url":"https://x.example/a.jpg"}
            picture not a URL       | acme               | 422 | invalid_media_url | {"from":"+19179056091","to":"9175550123","extension":"101","media_url":"file:///etc/passwd"}
            """)
    void sendMessageErrors(String name, String auth, int status, String code, String body) {
        int before = messages();
        String[] headers = auth.equals("<none>") ? new String[0]
                : new String[] {"Authorization", auth.equals("acme") ? "Bearer " + API_KEY : auth};
        TestBridge.Response r = bridge.postJson("/api/v1/messages", body, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).hasSizeGreaterThan(15);
        assertThat(messages()).isEqualTo(before);
    }

    @Test
    void moreThan255PartsIsRefused() {
        String text = "a".repeat(153 * 255 + 1);
        TestBridge.Response r = bridge.postJson("/api/v1/messages", """
                {"from":"+19179056077","to":"9175550123","extension":"101","content":"%s"}""".formatted(text),
                "Authorization", "Bearer " + API_KEY);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("too_long");
        assertThat(r.json().at("/error/message").asText()).contains("256 SMS parts");
    }

    @Test
    void messagesOfAnotherOrganizationAreNotFound() {
        TestBridge.Response sent = bridge.postJson("/api/v1/messages", """
                {"from":"+19179056077","to":"9175550123","extension":"101","content":"Mine"}""",
                "Authorization", "Bearer " + API_KEY);
        String id = sent.json().at("/data/id").asText();
        assertThat(bridge.get("/api/v1/messages/" + id, "Authorization", "Bearer " + API_KEY).status()).isEqualTo(200);
        assertThat(bridge.get("/api/v1/messages/" + id, "Authorization", "Bearer " + OTHER_API_KEY).status())
                .isEqualTo(404);
        assertThat(bridge.get("/api/v1/messages/" + id).status()).isEqualTo(401);
        TestBridge.Response malformed = bridge.get("/api/v1/messages/no-such-id", "Authorization", "Bearer " + API_KEY);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(malformed.json().at("/error/message").asText()).contains("UUIDs returned by POST /api/v1/messages");
        assertThat(bridge.get("/api/v1/messages/0189f7a2-3c4d-7000-8000-000000000000", "Authorization",
                "Bearer " + API_KEY).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown integration      | /webhooks/nope?token=x                   | {"from":"1","to":"2","text":"x"} | 404 | not_found
            no webhooks for sandbox  | /webhooks/acme-sandbox?token=x           | {"from":"1","to":"2","text":"x"} | 404 | not_found
            missing token            | /webhooks/acme-didww                     | {"from":"37041654321","to":"19179056077","text":"x"} | 401 | unauthorized
            wrong token              | /webhooks/acme-didww?token=wrong         | {"from":"37041654321","to":"19179056077","text":"x"} | 401 | unauthorized
            broken JSON              | /webhooks/acme-didww?token=TOKEN         | {"from":                          | 400 | bad_payload
            no sender                | /webhooks/acme-didww?token=TOKEN         | {"to":"19179056077","text":"x"}   | 400 | bad_payload
            no text                  | /webhooks/acme-didww?token=TOKEN         | {"from":"37041654321","to":"19179056077"} | 400 | bad_payload
            bad Base64               | /webhooks/acme-didww?token=TOKEN         | {"from":"37041654321","to":"19179056077","data":"***"} | 400 | bad_payload
            number not ours          | /webhooks/acme-didww?token=TOKEN         | {"from":"37041654321","to":"12125550000","text":"x"} | 404 | not_found
            number of another trunk  | /webhooks/acme-didww?token=TOKEN         | {"from":"37041654321","to":"19179056080","text":"x"} | 404 | not_found
            thinQ without fields     | /webhooks/acme-thinq?token=THINQ         | {"foo":"bar"}                     | 400 | bad_payload
            thinQ MMS without URL    | /webhooks/acme-thinq?token=THINQ         | {"from":"2065551212","to":"9179056091","type":"mms","message":"x"} | 400 | bad_payload
            unknown callback status  | /webhooks/acme-didww?token=TOKEN         | {"data":{"type":"dlr_event","id":"x","attributes":{"status":"MAYBE"}}} | 400 | bad_payload
            """)
    void webhookErrors(String name, String path, String body, int status, String code) {
        int before = messages();
        TestBridge.Response r = bridge.postJson(path.replace("THINQ", Fixtures.THINQ_TOKEN)
                .replace("TOKEN", DIDWW_TOKEN), body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(messages()).isEqualTo(before);
    }

    @Test
    void putIsAcceptedLikePost() {
        TestBridge.Response r = bridge.post("/webhooks/acme-didww", "application/json", "", "X-Webhook-Token",
                DIDWW_TOKEN);
        assertThat(r.status()).isEqualTo(400);
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + bridge.port
                + "/webhooks/acme-didww?token=" + DIDWW_TOKEN)).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"uuid\":\"put-1\",\"from\":\"37041654321\",\"to\":\"19179056077\",\"text\":\"put\"}")).build();
        try {
            assertThat(java.net.http.HttpClient.newHttpClient().send(req,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void healthIncludesTheDatabase() {
        TestBridge.Response r = bridge.get("/observe/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
        TestBridge.Response metrics = bridge.get("/observe/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        // the database writer's meters and the JVM's (README, Operations)
        assertThat(metrics.body()).contains("smsbridge_db_commits_total", "smsbridge_db_writer_busy_seconds_total",
                "smsbridge_h2_compaction_seconds_total", "jvm_memory_used_bytes");
    }
}
