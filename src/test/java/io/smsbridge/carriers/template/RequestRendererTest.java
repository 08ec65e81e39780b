package io.smsbridge.carriers.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsbridge.core.directory.Integration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rendering per content type with hostile values: whatever a message holds, every value arrives at
 * the carrier exactly as it was, in its own field, and nothing else in the request changes.
 */
class RequestRendererTest {

    static final String SECRET = "s3cr3t-key";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String JSON_TEMPLATE = """
            {'id':'t','properties':['API key'],'auth':{'type':'Bearer','token':'$API key$'},
             'API':{'SendMessage':{'request_url':'https://api.example/v1/send','request_content_type':'application/json',
               'request_parameters':{'from':'$from$','to':'$to$','body':'$content$','meta':{'who':'$extension$ at $domain$'},
                 'list':['$to$'],'count':1,'flag':true},
               'response_map':{'id':'$messageid$'}}}}""";
    static final String FORM_TEMPLATE = """
            {'id':'t','properties':['API key'],'auth':{'type':'Basic','username':'acct','password':'$API key$'},
             'API':{'SendMessage':{'request_url':'https://api.example/send','request_content_type':'application/x-www-form-urlencoded',
               'request_parameters':{'From':'$from$','To':'$to$','Body':'$content$','Note':'by $extension$'},
               'response_map':{'sid':'$messageid$'}}}}""";
    static final String QUERY_TEMPLATE = """
            {'id':'t','properties':['API key'],
             'API':{'SendMessage':{'request_method':'GET','request_url':'https://api.example/send?api_key=$API key$',
               'request_parameters':{'src':'$from$','dst':'$to$','text':'$content$'},
               'response_map':'$messageid$'}}}""";

    /** Hostile texts: quotes, separators, line breaks, emoji, percent signs, another placeholder. */
    static final String[] HOSTILE = {
            "He said \"hi\" & left", "a=b&c=d#frag?x=1", "line1\nline2\r\n\ttab", "emoji 😊👍🏽 and 漢字",
            "100% + 50%20 = ?", "$API key$ and $from$", "\\\"}],\"injected\":true,{\"", "back\\slash/slash",
            "", "'single' <tag> {brace}"};

    static ProviderTemplate template(String json) {
        return Templates.parse(json);
    }

    static RenderedRequest render(String templateJson, String text) {
        return sendMessage(template(templateJson), Map.of("API key", SECRET), text, null);
    }

    /** The template's SendMessage for a text, with the integration's properties and base-url. */
    static RenderedRequest sendMessage(ProviderTemplate t, Map<String, String> properties, String text, String baseUrl) {
        Integration it = Templates.integration("template:" + t.id(), properties);
        return RequestRenderer.render(t.sendMessage(), t.auth(),
                TemplateApi.values(t, Templates.sms(it, text, List.of()), false)::get, baseUrl);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void jsonBodyCarriesEveryValueAsOneString(int i) throws Exception {
        String text = HOSTILE[i];
        RenderedRequest r = render(JSON_TEMPLATE, text);
        JsonNode body = JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(body.get("body").asText()).isEqualTo(text);
        assertThat(body.get("from").asText()).isEqualTo("+19179056077");
        assertThat(body.get("to").asText()).isEqualTo("+37041654321");
        assertThat(body.at("/meta/who").asText()).isEqualTo("101 at acme.example");
        assertThat(body.at("/list/0").asText()).isEqualTo("+37041654321");
        assertThat(body.get("count").isInt()).isTrue();
        assertThat(body.get("flag").asBoolean()).isTrue();
        // no field was added or removed by the value
        assertThat(body.size()).isEqualTo(7);
        assertThat(r.headers()).containsEntry("Authorization", "Bearer " + SECRET);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.url()).isEqualTo("https://api.example/v1/send");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void formBodyEncodesEveryValue(int i) {
        String text = HOSTILE[i];
        RenderedRequest r = render(FORM_TEMPLATE, text);
        Map<String, String> fields = decode(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(fields).containsOnlyKeys("From", "To", "Body", "Note");
        assertThat(fields.get("Body")).isEqualTo(text);
        assertThat(fields.get("From")).isEqualTo("+19179056077");
        assertThat(fields.get("Note")).isEqualTo("by 101");
        assertThat(r.headers().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("acct:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void queryStringEncodesEveryValue(int i) {
        String text = HOSTILE[i];
        RenderedRequest r = render(QUERY_TEMPLATE, text);
        assertThat(r.body()).isNull();
        assertThat(r.method()).isEqualTo("GET");
        URI uri = URI.create(r.url());
        assertThat(uri.getHost()).isEqualTo("api.example");
        assertThat(uri.getPath()).isEqualTo("/send");
        Map<String, String> params = decode(uri.getRawQuery());
        assertThat(params).containsOnlyKeys("api_key", "src", "dst", "text");
        assertThat(params.get("text")).isEqualTo(text);
        assertThat(params.get("api_key")).isEqualTo(SECRET);
        assertThat(uri.getRawQuery()).doesNotContain(" ", "+");
    }

    @Test
    void aValueIsNeverReadAsATemplate() throws Exception {
        RenderedRequest r = render(JSON_TEMPLATE, "tell me $API key$");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain(SECRET);
        assertThat(JSON.readTree(body).get("body").asText()).isEqualTo("tell me $API key$");
    }

    @Test
    void urlPlaceholdersArePercentEncodedAsOnePathSegment() {
        ProviderTemplate t = template("""
                {'id':'t','properties':['Account ID'],'API':{'SendMessage':{
                  'request_url':'https://api.example/accounts/$Account ID$/messages','response_map':{'id':'$messageid$'}}}}""");
        RenderedRequest r = sendMessage(t, Map.of("Account ID", "a/b?c d#e"), "x", null);
        assertThat(r.url()).isEqualTo("https://api.example/accounts/a%2Fb%3Fc%20d%23e/messages");
    }

    @Test
    void baseUrlReplacesSchemeHostAndPortAndKeepsThePath() {
        ProviderTemplate t = Templates.shipped("jsonapi-example");
        RenderedRequest r = sendMessage(t, Map.of("Username", "u", "Password", "p"), "x", "http://127.0.0.1:9999/didww/");
        assertThat(r.url()).isEqualTo("http://127.0.0.1:9999/didww/outbound_messages");
    }

    @Test
    void aLeadingPlaceholderIsTheCarriersBaseUrl() {
        ProviderTemplate t = template("""
                {'id':'t','properties':['API URL'],'API':{'SendMessage':{
                  'request_url':'$API URL$/send/$to$','response_map':{'id':'$messageid$'}}}}""");
        RenderedRequest r = sendMessage(t, Map.of("API URL", "https://eu.api.example/v2/"), "x", null);
        assertThat(r.url()).isEqualTo("https://eu.api.example/v2/send/%2B37041654321");
    }

    @Test
    void numbersFollowTheTemplatesNumberFormat() throws Exception {
        ProviderTemplate t = Templates.shipped("jsonapi-example");
        RenderedRequest r = sendMessage(t, Map.of("Username", "u", "Password", "p"), "Hi", null);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/data/attributes/source").asText()).isEqualTo("19179056077");
        assertThat(body.at("/data/attributes/destination").asText()).isEqualTo("37041654321");
        assertThat(r.contentType()).isEqualTo("application/vnd.api+json");
    }

    @Test
    void sendFileCarriesThePictureAsContentAndTheCaptionAsText() throws Exception {
        ProviderTemplate t = Templates.shipped("acme-sms");
        Integration it = Templates.integration("template:acme-sms", Map.of("API key", "k", "Account ID", "AC1"));
        RenderedRequest r = RequestRenderer.render(t.sendFile(), t.auth(), TemplateApi.values(t,
                Templates.sms(it, "Look", List.of("https://cdn.example/a.jpg")), true)::get, null);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/media_urls/0").asText()).isEqualTo("https://cdn.example/a.jpg");
        assertThat(body.get("text").asText()).isEqualTo("Look");
        assertThat(body.get("client_ref").asText()).isEqualTo("msg-1");
    }

    @Test
    void aCredentialWithALineBreakIsRefusedInsteadOfSplittingTheRequest() {
        ProviderTemplate t = template(JSON_TEMPLATE);
        assertThatThrownBy(() -> sendMessage(t, Map.of("API key", "k\r\nX-Evil: 1"), "x", null))
                .hasMessageContaining("control character").hasMessageNotContaining("X-Evil");
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
