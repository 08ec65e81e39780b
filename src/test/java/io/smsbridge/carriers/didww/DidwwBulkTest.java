package io.smsbridge.carriers.didww;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.carrier.CarrierAnswer;
import io.smsbridge.carrier.CarrierCall;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.message.BulkResult;
import io.smsbridge.core.message.OutboundBulk;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DIDWW's bulk_outbound_messages: the request as DIDWW documents it, and each contact found in the answer. */
class DidwwBulkTest {

    static final Integration TRUNK = new Integration("acme-didww", "acme", "didww", "t".repeat(16),
            Map.of("username", "u", "password", "p", "base-url", "https://us.sms-out.didww.com/"));
    static final OutboundBulk BULK = new OutboundBulk("b", TRUNK, "+19179056077", "Store opens at 9", List.of(
            new OutboundBulk.Recipient("m1", "+37041654321"), new OutboundBulk.Recipient("m2", "+37041654322")), 1);

    static String fixture(String name) throws IOException {
        try (InputStream in = DidwwBulkTest.class.getResourceAsStream("fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static BulkResult answer(int status, String body) {
        return DidwwBulk.result(DidwwBulk.call(BULK, "https://sms-out.didww.com"),
                new CarrierAnswer(status, body, Duration.ofSeconds(2)));
    }

    @Test
    void theRequestIsTheSingleSendsDocumentWithAnArrayOfDestinations() throws Exception {
        CarrierCall call = DidwwBulk.call(BULK, "https://sms-out.didww.com");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree(fixture("send-bulk.json")));
        assertThat(call.url()).isEqualTo("https://us.sms-out.didww.com/bulk_outbound_messages");
        assertThat(call.contentType()).isEqualTo("application/vnd.api+json");
        assertThat(call.headers().get("Authorization")).startsWith("Basic ");
    }

    @Test
    void idsAreMatchedByDestinationWhateverTheirOrder() throws Exception {
        BulkResult r = answer(201, fixture("answer-bulk-201.json"));
        assertThat(r.isTaken()).isTrue();
        assertThat(r.carrierIds()).isEqualTo(Map.of("m1", "b-1", "m2", "b-2"));
    }

    @Test
    void idsWithoutDestinationsAreMatchedByPosition() throws Exception {
        assertThat(answer(201, fixture("answer-bulk-201-ids-only.json")).carrierIds())
                .isEqualTo(Map.of("m1", "b-1", "m2", "b-2"));
    }

    @Test
    void aContactTheAnswerDoesNotNameIsNotTaken() throws Exception {
        BulkResult r = answer(201, fixture("answer-bulk-201-included.json"));
        assertThat(r.carrierIds()).isEqualTo(Map.of("m1", "b-1"));
    }

    @Test
    void anAnswerWithoutIdsIsAFailureOfTheWholeRequest() {
        BulkResult r = answer(201, "{\"data\":{}}");
        assertThat(r.isTaken()).isFalse();
        assertThat(r.failure().failure().keys()).contains("code.no_id");
    }

    @Test
    void refusalsAndOutagesAreJudgedAsASingleSendsAre() throws Exception {
        BulkResult refused = answer(400, fixture("answer-400-invalid-destination.json"));
        assertThat(refused.isTaken()).isFalse();
        assertThat(refused.failure().failure().keys()).contains("http.400");
        BulkResult limited = answer(429, "");
        assertThat(limited.failure().failure().keys()).contains("http.429");
        assertThat(limited.failure().retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theCarrierTakesAThousandContactsPerRequest() {
        assertThat(new DidwwCarrier().bulkLimit(TRUNK)).isEqualTo(1000);
    }
}
