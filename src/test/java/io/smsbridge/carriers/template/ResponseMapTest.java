package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.message.SendResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** response_map extraction: nested paths, arrays, plain-text answers, and answers without an id. */
class ResponseMapTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"data":{"id":"$messageid$"}}                 | {"data":{"type":"x","id":"abc-1"}}                     | abc-1
            {"messages":[{"id":"$messageid$"}]}           | {"messages":[{"id":"m-1"},{"id":"m-2"}]}                | m-1
            {"messages":[{"id":"$messageid$"}]}           | {"messages":[{"status":"queued"},{"id":"m-2"}]}         | m-2
            {"messages":[{"id":"$messageid$"}]}           | {"messages":{"id":"single"}}                            | single
            [{"sid":"$messageid$"}]                       | [{"sid":"SM1"}]                                         | SM1
            {"result":{"ref":"msg-$messageid$"}}          | {"result":{"ref":"msg-42"}}                             | 42
            {"result":{"ref":"msg-$messageid$"}}          | {"result":{"ref":"other-42"}}                           | <none>
            {"id":"$messageid$"}                          | {"id":12345678901234}                                   | 12345678901234
            {"id":"$messageid$"}                          | {"id":""}                                               | <none>
            {"id":"$messageid$"}                          | {"id":null}                                             | <none>
            {"id":"$messageid$"}                          | {"error":"invalid"}                                     | <none>
            {"id":"$messageid$"}                          | not json                                                | <none>
            {"id":"$messageid$"}                          | {"id":{"nested":"x"}}                                   | <none>
            {"status":"ok","id":"$messageid$"}            | {"status":"anything","id":"x1"}                         | x1
            "$messageid$"                                 | ` 0a1b2c `                                              | 0a1b2c
            "$messageid$"                                 | "quoted-id"                                             | quoted-id
            "OK: $messageid$"                             | OK: 77                                                  | 77
            """)
    void extractsTheMessageId(String map, String body, String expected) throws Exception {
        String id = ResponseMap.extract(JSON.readTree(map), body);
        assertThat(id).isEqualTo(expected.equals("<none>") ? null : expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            201 | {"messages":[{"id":"m-9"}]}                                     | accepted m-9
            200 | {"messages":[]}                                                 | failed code.no_id http.200
            429 | {"error":{"code":"throttled","message":"slow down"}}           | failed code.throttled http.429
            400 | {"error":{"code":"invalid_number","message":"bad to"}}        | failed code.invalid_number http.400
            503 | <html>down</html>                                              | failed http.503
            """)
    void answersBecomeResultsForTheRetryTable(int status, String body, String expected) {
        ProviderTemplate t = Templates.shipped("acme-sms");
        SendResult r = TemplateApi.result(t.sendMessage(), "Acme SMS", status, body, null);
        if (expected.startsWith("accepted")) {
            assertThat(r.isAccepted()).isTrue();
            assertThat(r.providerMessageId()).isEqualTo(expected.substring("accepted ".length()));
        } else {
            assertThat(r.isAccepted()).isFalse();
            String[] keys = expected.substring("failed ".length()).split(" ");
            assertThat(r.failure().keys()).startsWith(keys);
            if (body.contains("\"error\"")) {
                assertThat(r.failure().reason()).isIn("slow down", "bad to");
            } else {
                assertThat(r.failure().reason()).startsWith("Acme SMS answered");
            }
        }
    }
}
