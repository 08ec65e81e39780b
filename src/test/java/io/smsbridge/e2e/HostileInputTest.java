package io.smsbridge.e2e;

import io.smsbridge.store.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.smsbridge.e2e.InputFixtures.ACME_JSON;
import static io.smsbridge.e2e.InputFixtures.ACME_TOKEN;
import static io.smsbridge.e2e.InputFixtures.API_KEY;
import static io.smsbridge.e2e.InputFixtures.DIDWW;
import static io.smsbridge.e2e.InputFixtures.DIDWW_TOKEN;
import static io.smsbridge.e2e.InputFixtures.OTHER_API_KEY;
import static io.smsbridge.e2e.InputFixtures.OTHER_TOKEN;
import static io.smsbridge.e2e.InputFixtures.THINQ;
import static io.smsbridge.e2e.InputFixtures.THINQ_TOKEN;
import static io.smsbridge.e2e.InputFixtures.TPL_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests, as an attacker or a broken carrier sends them, over every
 * endpoint: each gets its 4xx with the JSON error body, stores and sends nothing, and leaves no
 * stack trace, no secret and no raw line break in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String DIDWW_IN = "/webhooks/in-didww?token=" + DIDWW_TOKEN;
    static final String THINQ_IN = "/webhooks/in-thinq?token=" + THINQ_TOKEN;
    static final String ACME_IN = "/webhooks/in-acme-json?token=" + ACME_TOKEN;
    static final String TPL_IN = "/webhooks/in-didww-tpl?token=" + TPL_TOKEN;
    static final String API = "/api/v1/messages";
    static final String BEARER = "Bearer " + API_KEY;
    /** What an answer must never show: Java classes, libraries, SQL. */
    static final Pattern INTERNALS = Pattern.compile("Exception|java\\.|org\\.|com\\.|io\\.vertx|io\\.netty|Jackson"
            + "|StreamReadConstraints|SQL|select |insert |\\bat [a-z]+\\.", Pattern.CASE_INSENSITIVE);

    TestBridge bridge;
    LogCapture logs;

    /** One request and what it must get. {@code raw} requests are written on a socket as they are. */
    record Case(String name, String method, String path, String contentType, byte[] body, String[] headers,
            String raw, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws Exception {
        bridge = TestBridge.start(InputFixtures.DIRECTORY, Map.of());
        logs = new LogCapture();
    }

    @AfterAll
    void stop() {
        logs.close();
        bridge.close();
    }

    static Case req(String name, String method, String path, String contentType, String body, int status,
            String code, String... headers) {
        return new Case(name, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers, null, status, code);
    }

    static Case bytes(String name, String path, String contentType, byte[] body, int status, String code,
            String... headers) {
        return new Case(name, "POST", path, contentType, body, headers, null, status, code);
    }

    static Case raw(String name, String request, int status, String code) {
        return new Case(name, null, null, null, null, new String[0], request, status, code);
    }

    static byte[] utf8With(String before, byte[] bad, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + bad.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(bad, 0, out, a.length, bad.length);
        System.arraycopy(c, 0, out, a.length + bad.length, c.length);
        return out;
    }

    static String didwwJson(String from, String to, String text) {
        return "{\"uuid\":\"h-1\",\"from\":" + from + ",\"to\":" + to + ",\"text\":" + text + "}";
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        String ok = "\"37041654321\"";
        String us = "\"" + DIDWW.substring(1) + "\"";
        String longOne = "x".repeat(65);

        // --- DIDWW JSON: malformed, truncated, trailing garbage, deep, wrong types ----------------
        String[] brokenJson = {"{", "{\"from\":", "{\"from\":\"1\",", "{\"from\":\"1\"}}", "{\"from\":\"1\"} x",
            "{} {}", "[]", "\"text\"", "42", "null", "{'from':'1'}", "{\"from\":\"1\",}", "{\"a\":01}",
            "{\"from\":\"1\" \"to\":\"2\"}", "{\"from\":\"1\",\"from\":\"2\",\"to\":" + us + ",\"text\":\"x\"}",
            "{\"a\":\"unterminated}", "{\"a\":tru}", "{\"a\":\"\u0001\"}"};
        for (String b : brokenJson) {
            c.add(req("DIDWW JSON " + b, "POST", DIDWW_IN, JSON, b, 400, "bad_payload"));
        }
        c.add(req("DIDWW JSON nested 40 deep", "POST", DIDWW_IN, JSON, "{\"a\":".repeat(40) + "1" + "}".repeat(40),
                400, "bad_payload"));
        c.add(req("DIDWW JSON nested arrays 1000 deep", "POST", DIDWW_IN, JSON, "[".repeat(1000) + "]".repeat(1000),
                400, "bad_payload"));
        c.add(req("DIDWW from is an object", "POST", DIDWW_IN, JSON, didwwJson("{\"a\":1}", us, "\"x\""), 400,
                "bad_payload"));
        c.add(req("DIDWW from is an array", "POST", DIDWW_IN, JSON, didwwJson("[1]", us, "\"x\""), 400, "bad_payload"));
        c.add(req("DIDWW text is an object", "POST", DIDWW_IN, JSON, didwwJson(ok, us, "{\"t\":1}"), 400,
                "bad_payload"));
        c.add(req("DIDWW from is null", "POST", DIDWW_IN, JSON, didwwJson("null", us, "\"x\""), 400, "bad_payload"));
        c.add(req("DIDWW missing from", "POST", DIDWW_IN, JSON, "{\"to\":" + us + ",\"text\":\"x\"}", 400,
                "bad_payload"));
        c.add(req("DIDWW missing to", "POST", DIDWW_IN, JSON, "{\"from\":" + ok + ",\"text\":\"x\"}", 400,
                "bad_payload"));
        c.add(req("DIDWW missing text", "POST", DIDWW_IN, JSON, "{\"from\":" + ok + ",\"to\":" + us + "}", 400,
                "bad_payload"));
        c.add(req("DIDWW empty body", "POST", DIDWW_IN, JSON, "", 400, "bad_payload"));
        c.add(req("DIDWW sender of 65 characters", "POST", DIDWW_IN, JSON, didwwJson("\"" + longOne + "\"", us,
                "\"x\""), 400, "bad_payload"));
        c.add(req("DIDWW sender of 10,000 characters", "POST", DIDWW_IN, JSON, didwwJson("\"" + "7".repeat(10_000)
                + "\"", us, "\"x\""), 400, "bad_payload"));
        c.add(req("DIDWW uuid of 200 characters", "POST", DIDWW_IN, JSON, "{\"uuid\":\"" + "u".repeat(200)
                + "\",\"from\":" + ok + ",\"to\":" + us + ",\"text\":\"x\"}", 400, "bad_payload"));
        c.add(req("DIDWW sender with CR/LF", "POST", DIDWW_IN, JSON, didwwJson("\"ACME\\r\\nINFO forged\"", us,
                "\"x\""), 400, "bad_payload"));
        c.add(req("DIDWW sender with NUL", "POST", DIDWW_IN, JSON, didwwJson("\"ACME\\u0000\"", us, "\"x\""), 400,
                "bad_payload"));
        c.add(req("DIDWW text with NUL", "POST", DIDWW_IN, JSON, didwwJson(ok, us, "\"a\\u0000b\""), 400,
                "bad_payload"));
        c.add(req("DIDWW text with BEL", "POST", DIDWW_IN, JSON, didwwJson(ok, us, "\"a\\u0007b\""), 400,
                "bad_payload"));
        c.add(req("DIDWW text with a lone high surrogate", "POST", DIDWW_IN, JSON, didwwJson(ok, us, "\"a\\ud83d\""),
                400, "bad_payload"));
        c.add(req("DIDWW text with a lone low surrogate", "POST", DIDWW_IN, JSON, didwwJson(ok, us, "\"\\ude00b\""),
                400, "bad_payload"));
        c.add(req("DIDWW field name with a lone surrogate", "POST", DIDWW_IN, JSON, "{\"\\ud800\":1}", 400,
                "bad_payload"));
        c.add(bytes("DIDWW JSON invalid UTF-8 (0xFF)", DIDWW_IN, JSON,
                utf8With("{\"from\":\"1\",\"to\":\"2\",\"text\":\"a", new byte[] {(byte) 0xff}, "\"}"), 400, "bad_payload"));
        c.add(bytes("DIDWW JSON overlong UTF-8 (C0 AF)", DIDWW_IN, JSON,
                utf8With("{\"text\":\"", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\"}"), 400, "bad_payload"));
        c.add(bytes("DIDWW JSON truncated UTF-8 (E2 82)", DIDWW_IN, JSON,
                utf8With("{\"text\":\"", new byte[] {(byte) 0xe2, (byte) 0x82}, "\"}"), 400, "bad_payload"));
        c.add(bytes("DIDWW JSON UTF-8 encoded surrogate (ED A0 80)", DIDWW_IN, JSON,
                utf8With("{\"text\":\"", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\"}"), 400, "bad_payload"));
        c.add(req("DIDWW Base64 not Base64", "POST", DIDWW_IN, JSON, "{\"from\":" + ok + ",\"to\":" + us
                + ",\"data\":\"***\"}", 400, "bad_payload"));
        c.add(req("DIDWW Base64 of invalid UTF-8", "POST", DIDWW_IN, JSON, "{\"from\":" + ok + ",\"to\":" + us
                + ",\"data\":\"/w==\"}", 400, "bad_payload"));
        c.add(req("DIDWW Base64 of a NUL", "POST", DIDWW_IN, JSON, "{\"from\":" + ok + ",\"to\":" + us
                + ",\"data\":\"AA==\"}", 400, "bad_payload"));
        c.add(req("DIDWW unknown callback type", "POST", DIDWW_IN, JSON,
                "{\"data\":{\"type\":\"users\",\"id\":\"x\"}}", 400, "bad_payload"));
        c.add(req("DIDWW callback without id", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"outbound_message_callbacks\",\"attributes\":{\"status\":\"Success\"}}}", 400,
                "bad_payload"));
        c.add(req("DIDWW callback unknown status", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"dlr_event\",\"id\":\"x\",\"attributes\":{\"status\":\"MAYBE\"}}}", 400,
                "bad_payload"));
        c.add(req("DIDWW callback id of 200 characters", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"dlr_event\",\"id\":\"" + "i".repeat(200)
                        + "\",\"attributes\":{\"status\":\"DELIVERED\"}}}", 400, "bad_payload"));
        c.add(req("DIDWW callback code_id of 40 characters", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"outbound_message_callbacks\",\"id\":\"c-1\",\"attributes\":{\"status\":\"Failed\","
                        + "\"code_id\":\"" + "9".repeat(40) + "\"}}}", 400, "bad_payload"));
        c.add(req("DIDWW callback code_id with CR/LF", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"outbound_message_callbacks\",\"id\":\"c-2\",\"attributes\":{\"status\":\"Failed\","
                        + "\"code_id\":\"8\\r\\nERROR forged\"}}}", 400, "bad_payload"));
        c.add(req("DIDWW callback id with a lone surrogate", "POST", DIDWW_IN, "application/vnd.api+json",
                "{\"data\":{\"type\":\"dlr_event\",\"id\":\"\\udfff\",\"attributes\":{\"status\":\"DELIVERED\"}}}", 400,
                "bad_payload"));

        // --- content types ----------------------------------------------------------------------
        c.add(req("XML body", "POST", DIDWW_IN, "application/xml", "<sms from='1'/>", 415, "unsupported_media_type"));
        c.add(req("octet-stream body", "POST", DIDWW_IN, "application/octet-stream", "from=1", 415,
                "unsupported_media_type"));
        c.add(req("JSON sent as a form", "POST", DIDWW_IN, FORM, "{\"from\":\"1\",\"to\":\"2\",\"text\":\"x\"}", 400,
                "bad_payload"));
        c.add(req("form sent as JSON", "POST", DIDWW_IN, JSON, "from=1&to=2&text=x", 400, "bad_payload"));
        c.add(req("unknown charset", "POST", DIDWW_IN, "application/json; charset=klingon", "{}", 400, "bad_payload"));
        c.add(bytes("UTF-16 declared, odd bytes", DIDWW_IN, "application/json; charset=UTF-16", new byte[] {0x7b, 0, 0x7d},
                400, "bad_payload"));
        c.add(req("API body as text/plain", "POST", API, "text/plain", "{}", 415, "unsupported_media_type",
                "Authorization", BEARER));
        c.add(req("API body as a form", "POST", API, FORM, "from=1", 415, "unsupported_media_type",
                "Authorization", BEARER));
        c.add(req("API without a content type", "POST", API, null, "{}", 415, "unsupported_media_type",
                "Authorization", BEARER));

        // --- DIDWW form and GET ------------------------------------------------------------------
        String f = "uuid=h-2&from=37041654321&to=" + DIDWW.substring(1);
        c.add(req("form bad escape %zz", "POST", DIDWW_IN, FORM, f + "&text=50%zz", 400, "bad_payload"));
        c.add(req("form lone %", "POST", DIDWW_IN, FORM, f + "&text=50% off", 400, "bad_payload"));
        c.add(req("form truncated escape %2", "POST", DIDWW_IN, FORM, f + "&text=%2", 400, "bad_payload"));
        c.add(req("form invalid UTF-8 %FF", "POST", DIDWW_IN, FORM, f + "&text=a%FFb", 400, "bad_payload"));
        c.add(req("form overlong UTF-8 %C0%AF", "POST", DIDWW_IN, FORM, f + "&text=%C0%AF", 400, "bad_payload"));
        c.add(req("form encoded surrogate %ED%A0%80", "POST", DIDWW_IN, FORM, f + "&text=%ED%A0%80", 400,
                "bad_payload"));
        c.add(bytes("form raw non-ASCII byte", DIDWW_IN, FORM, utf8With(f + "&text=caf", new byte[] {(byte) 0xe9}, ""),
                400, "bad_payload"));
        c.add(req("form NUL in text", "POST", DIDWW_IN, FORM, f + "&text=a%00b", 400, "bad_payload"));
        c.add(req("form CR/LF in sender", "POST", DIDWW_IN, FORM, "uuid=h-3&from=ACME%0D%0AWARN+forged&to="
                + DIDWW.substring(1) + "&text=x", 400, "bad_payload"));
        c.add(req("form field twice (spoofed sender)", "POST", DIDWW_IN, FORM, f + "&from=BANK&text=x", 400,
                "bad_payload"));
        c.add(req("form field in query and body", "POST", DIDWW_IN + "&from=BANK", FORM, f + "&text=x", 400,
                "bad_payload"));
        c.add(req("form sender of 65 characters", "POST", DIDWW_IN, FORM, "from=" + longOne + "&to="
                + DIDWW.substring(1) + "&text=x", 400, "bad_payload"));
        c.add(req("form without fields", "POST", DIDWW_IN, FORM, "&&&", 400, "bad_payload"));
        c.add(req("form control character in a field name", "POST", DIDWW_IN, FORM, f + "&te%0Axt=x", 400,
                "bad_payload"));
        c.add(req("form token field does not authenticate", "POST", "/webhooks/in-didww", FORM,
                "token=" + DIDWW_TOKEN + "&" + f + "&text=x", 401, "unauthorized"));
        c.add(req("form X-Webhook-Token field does not authenticate", "POST", "/webhooks/in-didww", FORM,
                "X-Webhook-Token=" + DIDWW_TOKEN + "&" + f + "&text=x", 401, "unauthorized"));
        c.add(req("GET without fields", "GET", DIDWW_IN, null, null, 400, "bad_payload"));
        c.add(req("GET invalid UTF-8 in query", "GET", DIDWW_IN + "&" + f + "&text=%FF", null, null, 400,
                "bad_payload"));
        c.add(req("GET sender of 65 characters", "GET", DIDWW_IN + "&from=" + longOne + "&to=" + DIDWW.substring(1)
                + "&text=x", null, null, 400, "bad_payload"));
        c.add(req("GET field twice", "GET", DIDWW_IN + "&" + f + "&to=1&text=x", null, null, 400, "bad_payload"));
        c.add(req("GET number not ours", "GET", DIDWW_IN + "&from=37041654321&to=12125550000&text=x", null, null,
                404, "not_found"));
        c.add(req("GET SQL injection as our number", "GET", DIDWW_IN
                + "&from=37041654321&to=1%27%20OR%20%271%27%3D%271&text=x", null, null, 404, "not_found"));
        c.add(req("PUT with broken JSON", "PUT", DIDWW_IN, JSON, "{\"from\"", 400, "bad_payload"));

        // --- thinQ -------------------------------------------------------------------------------
        String t = "from=2065551212&to=" + THINQ.substring(2);
        c.add(req("thinQ empty status", "POST", THINQ_IN, FORM, "guid=g-1&status=", 400, "bad_payload"));
        c.add(req("thinQ empty send_status", "POST", THINQ_IN, FORM, "guid=g-1&send_status=", 400, "bad_payload"));
        c.add(req("thinQ blank status", "POST", THINQ_IN, FORM, "guid=g-1&status=%20%20", 400, "bad_payload"));
        c.add(req("thinQ unknown status", "POST", THINQ_IN, FORM, "guid=g-1&status=SOMETIMES", 400, "bad_payload"));
        c.add(req("thinQ guid of 200 characters", "POST", THINQ_IN, FORM, "guid=" + "g".repeat(200) + "&status=DELIVRD",
                400, "bad_payload"));
        c.add(req("thinQ error code of 40 characters", "POST", THINQ_IN, FORM, "guid=g-2&status=UNDELIV&error="
                + "5".repeat(40), 400, "bad_payload"));
        c.add(req("thinQ guid with CR/LF", "POST", THINQ_IN, FORM, "guid=g%0D%0A-3&status=DELIVRD", 400,
                "bad_payload"));
        c.add(req("thinQ JSON status is an object", "POST", THINQ_IN, JSON, "{\"guid\":\"g-4\",\"status\":{}}", 400,
                "bad_payload"));
        c.add(req("thinQ no fields", "POST", THINQ_IN, FORM, "foo=bar", 400, "bad_payload"));
        c.add(req("thinQ unknown type", "POST", THINQ_IN, FORM, t + "&type=fax&message=x", 400, "bad_payload"));
        c.add(req("thinQ SMS without text", "POST", THINQ_IN, FORM, t + "&type=sms", 400, "bad_payload"));
        c.add(req("thinQ MMS javascript: URL", "POST", THINQ_IN, FORM, t + "&type=mms&message=javascript:alert(1)",
                400, "bad_payload"));
        c.add(req("thinQ MMS file: URL", "POST", THINQ_IN, JSON, "{" + "\"from\":\"2065551212\",\"to\":\""
                + THINQ.substring(2) + "\",\"type\":\"mms\",\"message\":\"file:///etc/passwd\"}", 400, "bad_payload"));
        c.add(req("thinQ MMS URL without host", "POST", THINQ_IN, FORM, t + "&type=mms&message=http%3A%2F%2F", 400,
                "bad_payload"));
        c.add(req("thinQ MMS URL of 3,000 characters", "POST", THINQ_IN, FORM, t + "&type=mms&message=https%3A%2F%2Fa.example%2F"
                + "p".repeat(3000), 400, "bad_payload"));
        c.add(req("thinQ sender of 65 characters", "POST", THINQ_IN, FORM, "from=" + longOne + "&to="
                + THINQ.substring(2) + "&type=sms&message=x", 400, "bad_payload"));
        c.add(req("thinQ message id of 200 characters", "POST", THINQ_IN, FORM, t + "&type=sms&message=x&id="
                + "i".repeat(200), 400, "bad_payload"));
        c.add(req("thinQ invalid UTF-8 in text", "POST", THINQ_IN, FORM, t + "&type=sms&message=%E2%82", 400,
                "bad_payload"));
        c.add(req("thinQ JSON trailing garbage", "POST", THINQ_IN, JSON, "{\"from\":\"2065551212\"}garbage", 400,
                "bad_payload"));
        c.add(req("thinQ JSON duplicate guid", "POST", THINQ_IN, JSON, "{\"guid\":\"a\",\"guid\":\"b\",\"status\":\"DELIVRD\"}",
                400, "bad_payload"));
        c.add(req("thinQ path traversal as text field name", "POST", THINQ_IN, FORM, "..%2F..%2Fetc=1", 400,
                "bad_payload"));

        // --- JSON template (acme-sms) and DIDWW through its template ------------------------------
        String msg = "{\"method\":\"message\",\"params\":{\"id\":\"t-1\",\"from\":\"+37041654321\",\"to\":\"" + ACME_JSON
                + "\",\"content\":%s}}";
        String file = "{\"method\":\"file\",\"params\":{\"id\":\"t-2\",\"from\":\"+37041654321\",\"to\":\"" + ACME_JSON
                + "\",\"text\":\"pic\",\"url\":\"%s\"}}";
        for (String scheme : new String[] {"javascript:alert(1)", "file:///etc/passwd", "ftp://a.example/x.jpg",
            "data:image/png;base64,AAAA", "//a.example/x.jpg", "https:///nohost", "http://a b.example/x"}) {
            c.add(req("template picture URL " + scheme, "POST", ACME_IN, JSON, file.formatted(scheme), 400,
                    "bad_payload"));
        }
        c.add(req("template unknown method", "POST", ACME_IN, JSON, "{\"method\":\"reboot\",\"params\":{}}", 400,
                "bad_payload"));
        c.add(req("template without params", "POST", ACME_IN, JSON, "{\"method\":\"message\"}", 400, "bad_payload"));
        c.add(req("template trailing text", "POST", ACME_IN, JSON, msg.formatted("\"hi\"") + "}", 400, "bad_payload"));
        c.add(req("template text with NUL", "POST", ACME_IN, JSON, msg.formatted("\"a\\u0000\""), 400, "bad_payload"));
        c.add(req("template lone surrogate", "POST", ACME_IN, JSON, msg.formatted("\"\\udc00\""), 400, "bad_payload"));
        c.add(req("template sender of 65 characters", "POST", ACME_IN, JSON, msg.replace("+37041654321", longOne)
                .formatted("\"x\""), 400, "bad_payload"));
        c.add(req("template id of 200 characters", "POST", ACME_IN, JSON, msg.replace("t-1", "i".repeat(200))
                .formatted("\"x\""), 400, "bad_payload"));
        c.add(req("template delivered without id", "POST", ACME_IN, JSON,
                "{\"method\":\"delivered\",\"params\":{}}", 400, "bad_payload"));
        c.add(req("DIDWW template form bad escape", "POST", TPL_IN, FORM, "uuid=d-1&src_addr=1&text=%zz", 400,
                "bad_payload"));
        c.add(req("DIDWW template form field twice", "POST", TPL_IN, FORM, "uuid=d-1&uuid=d-2&src_addr=1&dst_addr=2"
                + "&text=x", 400, "bad_payload"));
        c.add(req("DIDWW template unknown status", "POST", TPL_IN, JSON,
                "{\"data\":{\"type\":\"dlr_event\",\"id\":\"x\",\"attributes\":{\"status\":\"NOPE\"}}}", 400, "bad_payload"));

        // --- webhook auth ------------------------------------------------------------------------
        String body = didwwJson(ok, us, "\"x\"");
        c.add(req("webhook: no token", "POST", "/webhooks/in-didww", JSON, body, 401, "unauthorized"));
        c.add(req("webhook: empty token", "POST", "/webhooks/in-didww?token=", JSON, body, 401, "unauthorized"));
        c.add(req("webhook: short token", "POST", "/webhooks/in-didww?token=x", JSON, body, 401, "unauthorized"));
        c.add(req("webhook: token one character short", "POST", "/webhooks/in-didww?token="
                + DIDWW_TOKEN.substring(1), JSON, body, 401, "unauthorized"));
        c.add(req("webhook: token with a suffix", "POST", "/webhooks/in-didww?token=" + DIDWW_TOKEN + "x", JSON,
                body, 401, "unauthorized"));
        c.add(req("webhook: another tenant's token", "POST", "/webhooks/in-didww?token=" + OTHER_TOKEN, JSON, body,
                401, "unauthorized"));
        c.add(req("webhook: another carrier's token", "POST", "/webhooks/in-didww?token=" + THINQ_TOKEN, JSON, body,
                401, "unauthorized"));
        c.add(req("webhook: wrong header token", "POST", "/webhooks/in-didww", JSON, body, 401, "unauthorized",
                "X-Webhook-Token", "wrong-token-0000000000"));
        c.add(req("webhook: header token of another tenant", "POST", "/webhooks/in-didww", JSON, body, 401,
                "unauthorized", "X-Webhook-Token", OTHER_TOKEN));
        c.add(req("webhook: token in Authorization", "POST", "/webhooks/in-didww", JSON, body, 401, "unauthorized",
                "Authorization", "Bearer " + DIDWW_TOKEN));
        c.add(req("webhook: token invalid UTF-8", "POST", "/webhooks/in-didww?token=%FF", JSON, body, 400,
                "bad_payload"));
        c.add(req("webhook: token given twice", "POST", "/webhooks/in-didww?token=" + DIDWW_TOKEN + "&token=x", JSON,
                body, 400, "bad_payload"));
        c.add(req("webhook: unknown integration", "POST", "/webhooks/nope?token=x", JSON, body, 404, "not_found"));
        c.add(req("webhook: SQL injection as integration", "POST", "/webhooks/x%27%20OR%201%3D1--?token=x", JSON,
                body, 404, "not_found"));
        c.add(req("webhook: integration id of 300 characters", "POST", "/webhooks/" + "a".repeat(300) + "?token=x",
                JSON, body, 404, "not_found"));
        c.add(req("webhook: path traversal", "POST", "/webhooks/..%2F..%2Fapi?token=x", JSON, body, 404,
                "not_found"));

        // --- platform API: auth ------------------------------------------------------------------
        String send = "{\"from\":\"" + DIDWW + "\",\"to\":\"9175550123\",\"extension\":\"101\",\"content\":\"Hi\"}";
        c.add(req("API: no key", "POST", API, JSON, send, 401, "unauthorized"));
        c.add(req("API: empty bearer", "POST", API, JSON, send, 401, "unauthorized", "Authorization", "Bearer "));
        c.add(req("API: short key", "POST", API, JSON, send, 401, "unauthorized", "Authorization", "Bearer abc"));
        c.add(req("API: key one character short", "POST", API, JSON, send, 401, "unauthorized", "Authorization",
                "Bearer " + API_KEY.substring(1)));
        c.add(req("API: webhook token as key", "POST", API, JSON, send, 401, "unauthorized", "Authorization",
                "Bearer " + DIDWW_TOKEN));
        c.add(req("API: Basic auth", "POST", API, JSON, send, 401, "unauthorized", "Authorization", "Basic " + API_KEY));
        c.add(req("API: key in the query", "POST", API + "?api_key=" + API_KEY, JSON, send, 401, "unauthorized"));
        c.add(req("API: another tenant's key sends from acme's number", "POST", API, JSON, send, 404, "not_found",
                "Authorization", "Bearer " + OTHER_API_KEY));
        c.add(req("API: GET list without key", "GET", API, null, null, 401, "unauthorized"));
        c.add(req("API: GET one without key", "GET", API + "/0189f7a2-3c4d-7000-8000-000000000000", null, null, 401,
                "unauthorized"));
        c.add(req("API: GET another tenant's id", "GET", API + "/0189f7a2-3c4d-7000-8000-000000000000", null, null, 404,
                "not_found", "Authorization", "Bearer " + OTHER_API_KEY));

        // --- platform API: body --------------------------------------------------------------------
        for (String b : new String[] {"{", "{\"from\":", send + "}", send + " trailing", "[]", "\"hi\"", "", "null",
            "{\"from\":\"a\",\"from\":\"b\",\"to\":\"1\",\"extension\":\"101\"}", "{\"a\":".repeat(50) + "1"
                    + "}".repeat(50)}) {
            c.add(req("API body " + (b.length() > 40 ? b.substring(0, 40) + "…" : b), "POST", API, JSON, b, 400,
                    "bad_request", "Authorization", BEARER));
        }
        c.add(bytes("API body invalid UTF-8", API, JSON, utf8With(send.substring(0, send.length() - 4),
                new byte[] {(byte) 0xff}, "\"}"), 400, "bad_request", "Authorization", BEARER));
        c.add(req("API content with a lone surrogate", "POST", API, JSON, send.replace("Hi", "\\ud83d"), 400,
                "bad_request", "Authorization", BEARER));
        c.add(req("API content with NUL", "POST", API, JSON, send.replace("Hi", "a\\u0000b"), 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API content with ESC", "POST", API, JSON, send.replace("Hi", "a\\u001bb"), 422, "invalid_field",
                "Authorization", BEARER));
        c.add(req("API to is an object", "POST", API, JSON, send.replace("\"9175550123\"", "{}"), 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API to is an array", "POST", API, JSON, send.replace("\"9175550123\"", "[\"1\"]"), 400,
                "bad_request", "Authorization", BEARER));
        c.add(req("API to is true", "POST", API, JSON, send.replace("\"9175550123\"", "true"), 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API content is a number", "POST", API, JSON, send.replace("\"Hi\"", "42"), 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API content is an object", "POST", API, JSON, send.replace("\"Hi\"", "{\"a\":1}"), 400,
                "bad_request", "Authorization", BEARER));
        c.add(req("API extension of 300 characters", "POST", API, JSON, send.replace("\"101\"", "\"" + "1".repeat(300)
                + "\""), 422, "invalid_field", "Authorization", BEARER));
        c.add(req("API domain of 300 characters", "POST", API, JSON, send.replace("\"content\"", "\"domain\":\""
                + "d".repeat(300) + "\",\"content\""), 422, "invalid_field", "Authorization", BEARER));
        c.add(req("API to of 100 characters", "POST", API, JSON, send.replace("9175550123", "9".repeat(100)), 422,
                "invalid_field", "Authorization", BEARER));
        c.add(req("API from of 100 characters", "POST", API, JSON, send.replace(DIDWW, "+" + "1".repeat(100)), 422,
                "invalid_field", "Authorization", BEARER));
        c.add(req("API extension with CR/LF", "POST", API, JSON, send.replace("\"101\"", "\"101\\r\\nX\""), 422,
                "invalid_field", "Authorization", BEARER));
        c.add(req("API media_url javascript:", "POST", API, JSON, send.replace("\"content\":\"Hi\"",
                "\"media_url\":\"javascript:alert(1)\""), 422, "invalid_media_url", "Authorization", BEARER));
        c.add(req("API media_url of 3,000 characters", "POST", API, JSON, send.replace("\"content\":\"Hi\"",
                "\"media_url\":\"https://a.example/" + "p".repeat(3000) + "\""), 422, "invalid_media_url",
                "Authorization", BEARER));
        c.add(req("API SQL injection as from", "POST", API, JSON, send.replace(DIDWW, "' OR '1'='1"), 404,
                "not_found", "Authorization", BEARER));
        c.add(req("API template placeholder as to", "POST", API, JSON, send.replace("9175550123", "$to$"), 422,
                "invalid_number", "Authorization", BEARER));
        c.add(req("API placeholder as extension", "POST", API, JSON, send.replace("\"101\"", "\"{{env:HOME}}\""),
                403, "forbidden", "Authorization", BEARER));
        c.add(req("API empty content", "POST", API, JSON, send.replace("\"Hi\"", "\"\""), 422, "empty_content",
                "Authorization", BEARER));
        c.add(req("API 300 KB body of text", "POST", API, JSON, send.replace("Hi", "a".repeat(300_000)), 422,
                "too_long", "Authorization", BEARER));

        // --- platform API: reads ---------------------------------------------------------------
        c.add(req("API GET id not a UUID", "GET", API + "/1%27%20OR%20%271", null, null, 404, "not_found",
                "Authorization", BEARER));
        c.add(req("API GET id path traversal", "GET", API + "/..%2F..%2Fetc%2Fpasswd", null, null, 404, "not_found",
                "Authorization", BEARER));
        c.add(req("API GET list contact of 100 characters", "GET", API + "?contact=" + "9".repeat(100), null, null,
                400, "bad_request", "Authorization", BEARER));
        c.add(req("API GET list contact with CR/LF", "GET", API + "?contact=1%0D%0A2", null, null, 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API GET list invalid UTF-8", "GET", API + "?contact=%FF", null, null, 400, "bad_request",
                "Authorization", BEARER));
        c.add(req("API GET list unknown number", "GET", API + "?number=12125550000", null, null, 404, "not_found",
                "Authorization", BEARER));
        c.add(req("API GET list contact twice", "GET", API + "?contact=1&contact=2", null, null, 400, "bad_request",
                "Authorization", BEARER));

        // --- paths, methods, sizes and HTTP itself ------------------------------------------------
        for (String path : new String[] {"/", "/nope", "/api", "/api/v2/messages", "/webhooks", "/webhooks/", "/admin",
            "/observe", "/../etc/passwd", "/webhooks/in-didww/extra", "/index.html"}) {
            c.add(req("unknown path " + path, "GET", path, null, null, 404, "not_found"));
        }
        c.add(req("DELETE a webhook", "DELETE", DIDWW_IN, null, null, 405, "method_not_allowed"));
        c.add(req("PATCH the API", "PATCH", API, JSON, "{}", 405, "method_not_allowed", "Authorization", BEARER));
        c.add(req("PUT the API", "PUT", API, JSON, "{}", 405, "method_not_allowed", "Authorization", BEARER));
        c.add(req("DELETE a message", "DELETE", API + "/0189f7a2-3c4d-7000-8000-000000000000", null, null, 405,
                "method_not_allowed", "Authorization", BEARER));
        c.add(req("POST health", "POST", "/observe/health", JSON, "{}", 405, "method_not_allowed"));
        c.add(req("webhook body of 2 MB", "POST", DIDWW_IN, JSON, "{\"text\":\"" + "a".repeat(2_000_000) + "\"}", 413,
                "body_too_large"));
        c.add(req("API body of 2 MB", "POST", API, JSON, "{\"content\":\"" + "a".repeat(2_000_000) + "\"}", 413,
                "body_too_large", "Authorization", BEARER));
        String conn = "Connection: close\r\n";
        c.add(raw("bad escape in the query", "GET /webhooks/in-didww?token=%zz HTTP/1.1\r\nHost: x\r\n" + conn + "\r\n",
                400, "bad_request"));
        c.add(raw("bad escape in the path", "GET /webhooks/in%zz HTTP/1.1\r\nHost: x\r\n" + conn + "\r\n", 400,
                "bad_request"));
        c.add(raw("bad escape in the token's query", "POST /webhooks/in-didww?token=" + DIDWW_TOKEN + "%G1 HTTP/1.1\r\n"
                + "Host: x\r\nContent-Length: 0\r\n" + conn + "\r\n", 400, "bad_request"));
        c.add(raw("no Host header", "GET /webhooks/in-didww HTTP/1.1\r\n" + conn + "\r\n", 400, "bad_request"));
        c.add(raw("form with a bad escape, on the wire", "POST /webhooks/in-didww?token=" + DIDWW_TOKEN
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + FORM + "\r\nContent-Length: 12\r\n" + conn
                + "\r\nfrom=%zz&a=b", 400, "bad_request"));
        // refused inside the HTTP codec, before any route: still the JSON error, not an empty answer
        c.add(raw("broken chunk size", "POST /webhooks/in-didww?token=" + DIDWW_TOKEN + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: " + JSON + "\r\nTransfer-Encoding: chunked\r\n" + conn + "\r\nZZ\r\n{}\r\n0\r\n\r\n",
                400, "bad_request"));
        c.add(raw("garbage request line", "GARBAGE\r\n\r\n", 400, "bad_request"));
        c.add(raw("request line of 10 KB", "GET /webhooks/in-didww?x=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n"
                + conn + "\r\n", 414, "request_too_large"));
        c.add(raw("headers of 20 KB", "GET /webhooks/in-didww HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\n" + conn + "\r\n", 431, "request_too_large"));
        c.add(raw("unknown method verb", "BREW /webhooks/in-didww HTTP/1.1\r\nHost: x\r\n" + conn + "\r\n", 405,
                "method_not_allowed"));
        return c.stream();
    }

    @Test
    void thereAreAtLeast150Cases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(150);
    }

    /** The log checks above would pass on an empty capture: show it sees the bridge's refusal lines. */
    @Test
    void theLogIsWatched() {
        logs.clear();
        bridge.request("POST", DIDWW_IN, JSON, "{\"from\":\"secret text of a customer\"".getBytes(StandardCharsets.UTF_8));
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l.text()).contains("Refused malformed carrier request",
                "POST /webhooks/in-didww (application/json, "));
        assertThat(logs.lines()).noneSatisfy(l -> assertThat(l.text()).contains("secret text of a customer"));
    }

    int rows(String table) {
        return bridge.database().withConnection(c -> Sql.one(c, "SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void isRefusedAndNothingHappens(Case c) {
        int messages = rows("messages");
        int receipts = rows("carrier_receipts");
        int jobs = rows("jobs");
        int events = rows("message_events");
        int sent = bridge.mockRequests();
        logs.clear();

        TestBridge.Response r = c.raw() != null ? bridge.raw(c.raw())
                : bridge.request(c.method(), c.path(), c.contentType(), c.body(), c.headers());

        assertThat(r.status()).as("status; body %s", r.body()).isEqualTo(c.status());
        TestBridge.Response answer = r;
        assertThat(answer.json().at("/error/code").asText()).as(r.body()).isEqualTo(c.code());
        String message = answer.json().at("/error/message").asText();
        assertThat(message).as(r.body()).hasSizeGreaterThan(15);
        assertThat(INTERNALS.matcher(message).find()).as("names internals: %s", message).isFalse();
        for (String secret : InputFixtures.SECRETS) {
            assertThat(r.body()).doesNotContain(secret);
        }

        assertThat(rows("messages")).as("messages stored").isEqualTo(messages);
        assertThat(rows("carrier_receipts")).as("receipts stored").isEqualTo(receipts);
        assertThat(rows("jobs")).as("jobs queued").isEqualTo(jobs);
        assertThat(rows("message_events")).as("events stored").isEqualTo(events);
        assertThat(bridge.mockRequests()).as("requests to carriers or the platform").isEqualTo(sent);

        for (LogCapture.Line line : logs.lines()) {
            assertThat(line.stackTrace()).as("stack trace in %s", line.text()).isFalse();
            assertThat(line.level()).as(line.text()).isNotIn("ERROR", "FATAL");
            String text = line.text().endsWith("\n") ? line.text().substring(0, line.text().length() - 1)
                    : line.text();
            assertThat(text).as("raw line break").doesNotContain("\n").doesNotContain("\r");
            for (String secret : InputFixtures.SECRETS) {
                assertThat(text).as("secret in the log").doesNotContain(secret);
            }
        }
    }
}
