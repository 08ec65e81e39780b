package io.smsbridge.carriers.thinq;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThinqApiTest {

    static final Integration THINQ = new Integration("acme-thinq", "acme", "thinq", "t".repeat(16),
            Map.of("account-id", "12345", "username", "u", "token", "secret"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"+19179056077, 9179056077", "+447911123456, 447911123456", "72345, 72345"})
    void numbersAreTenDigitsForNanp(String e164, String did) {
        assertThat(ThinqApi.did(e164)).isEqualTo(did);
    }

    @Test
    void smsBody() throws Exception {
        var body = new ObjectMapper().readTree(ThinqApi.smsBody(new OutboundSms("m", THINQ, "+19179056091",
                "+12065551212", "101@acme.example", "Hi & \"bye\"\n😊", List.of(), 1)));
        assertThat(body.get("from_did").asText()).isEqualTo("9179056091");
        assertThat(body.get("to_did").asText()).isEqualTo("2065551212");
        assertThat(body.get("message").asText()).isEqualTo("Hi & \"bye\"\n😊");
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | {"guid":"g-1"}                        | true  | <none>
            200 | {"message":"Invalid from_did"}        | false | thinQ answered 200 without a guid: Invalid from_did
            400 | {"message":"to_did is not valid"}     | false | thinQ answered HTTP 400: to_did is not valid
            401 | <html>no</html>                       | false | thinQ answered HTTP 401
            503 | {"error":"maintenance"}               | false | thinQ answered HTTP 503: maintenance
            """)
    void answers(int status, String body, boolean accepted, String reason) {
        SendResult r = ThinqApi.result(new io.smsbridge.carrier.CarrierAnswer(status, body, null));
        assertThat(r.isAccepted()).isEqualTo(accepted);
        if (accepted) {
            assertThat(r.providerMessageId()).isEqualTo("g-1");
        } else {
            assertThat(r.failure().reason()).isEqualTo(reason);
        }
    }
}
