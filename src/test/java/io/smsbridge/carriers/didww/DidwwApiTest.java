package io.smsbridge.carriers.didww;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.OutboundSms;
import io.smsbridge.core.message.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DidwwApiTest {

    static final Integration TRUNK = new Integration("acme-didww", "acme", "didww", "t".repeat(16),
            Map.of("username", "u", "password", "p"));

    @Test
    void bodyIsJsonApiWithDigitsOnlyNumbers() throws Exception {
        OutboundSms sms = new OutboundSms("m1", TRUNK, "+19179056077", "+37041654321", "101@acme.example", "Hi \"there\" 😊", List.of(), 1);
        JsonNode body = new ObjectMapper().readTree(DidwwApi.body(sms, null));
        assertThat(body.at("/data/type").asText()).isEqualTo("outbound_messages");
        assertThat(body.at("/data/attributes/destination").asText()).isEqualTo("37041654321");
        assertThat(body.at("/data/attributes/source").asText()).isEqualTo("19179056077");
        assertThat(body.at("/data/attributes/content").asText()).isEqualTo("Hi \"there\" 😊");
        assertThat(body.at("/data/attributes").has("campaign_id")).isFalse();
    }

    @Test
    void campaignIdIsSentWhenConfigured() throws Exception {
        OutboundSms sms = new OutboundSms("m1", TRUNK, "+19179056077", "+37041654321", "101@acme.example", "Hi", List.of(), 1);
        JsonNode body = new ObjectMapper().readTree(DidwwApi.body(sms, "c-123"));
        assertThat(body.at("/data/attributes/campaign_id").asText()).isEqualTo("c-123");
    }

    @Test
    void createdAnswerGivesTheCarrierId() {
        SendResult r = DidwwApi.result(new io.smsbridge.carrier.CarrierAnswer(201, "{\"data\":{\"type\":\"outbound_messages\",\"id\":\"abc-1\"}}", null));
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.providerMessageId()).isEqualTo("abc-1");
    }

    @ParameterizedTest(name = "HTTP {0} -> keys {2}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | {"errors":[{"title":"Invalid","detail":"destination is invalid","code":"100","status":"400"}]} | http.400,http.4xx          | destination is invalid
            401 | {"errors":[{"title":"Unauthorized","status":"401"}]}                                            | http.401,http.4xx          | Unauthorized
            503 | <html>busy</html>                                                                              | http.503,http.5xx          | DIDWW answered HTTP 503
            201 | {"data":{}}                                                                                    | code.no_id,http.201,http.2xx | DIDWW answered 201 without data.id
            """)
    void failuresCarryTheCarriersWords(int status, String body, String keys, String reason) {
        SendResult r = DidwwApi.result(new io.smsbridge.carrier.CarrierAnswer(status, body, Duration.ofSeconds(3)));
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.failure().keys()).containsExactly(keys.split(","));
        assertThat(r.failure().reason()).isEqualTo(reason);
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }
}
