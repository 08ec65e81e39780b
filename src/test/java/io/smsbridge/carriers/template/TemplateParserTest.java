package io.smsbridge.carriers.template;

import io.smsbridge.core.phone.NumberFormat;
import io.smsbridge.carriers.template.ProviderTemplate.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Template files: the shipped ones load, and each broken one is refused with its file, path and fault. */
class TemplateParserTest {

    static final String SEND = "'SendMessage':{'request_url':'https://api.example/send','response_map':{'id':'$messageid$'}}";

    @Test
    void shippedTemplatesLoad() {
        assertThat(Templates.SHIPPED.ids()).contains("acme-sms", "jsonapi-example");
        ProviderTemplate acme = Templates.shipped("acme-sms");
        assertThat(acme.properties()).containsExactly("API key", "Account ID");
        assertThat(acme.supportsMms()).isTrue();
        assertThat(acme.webhooks()).extracting(ProviderTemplate.WebhookEvent::type)
                .containsExactly(EventType.MESSAGE, EventType.MMS, EventType.DELIVERED, EventType.FAILED);
        ProviderTemplate didww = Templates.shipped("jsonapi-example");
        assertThat(didww.numberFormat()).isEqualTo(NumberFormat.E164_NO_PLUS);
        assertThat(didww.supportsMms()).isFalse();
        assertThat(didww.webhooks()).hasSize(7); // object form
    }

    @Test
    void webhookMayBeOneEventObject() {
        ProviderTemplate t = Templates.parse("{'API':{" + SEND + "},'Webhook':{'event_key':'message','event_type':"
                + "'message','request_parameters':{'from':'$from$','to':'$to$','content':'$content$'}}}");
        assertThat(t.webhooks()).hasSize(1);
        assertThat(t.id()).isEqualTo("test"); // from the file name
    }

    @Test
    void requestParametersMayBeAStringHoldingJson() {
        ProviderTemplate t = Templates.parse("{'API':{'SendMessage':{'request_url':'https://a.example/s',"
                + "'request_parameters':'{\\'to\\':\\'$to$\\'}','response_map':'{\\'id\\':\\'$messageid$\\'}'}}}");
        assertThat(t.sendMessage().parameters().get("to").asText()).isEqualTo("$to$");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {'id':'x'                                                                    | not valid JSON
            []                                                                           | expected a JSON object
            {'id':'bad id!','API':{SEND}}                                                 | id: 'bad id!' may hold only
            {'properties':'API key','API':{SEND}}                                         | properties: expected a list
            {'properties':['to'],'API':{SEND}}                                            | properties[0]: 'to' is the name of a message placeholder
            {'properties':['k','k'],'API':{SEND}}                                         | properties[1]: 'k' is listed twice
            {}                                                                           | API: missing
            {'API':{}}                                                                   | API.SendMessage: missing
            {'API':{'SendMessage':{'response_map':{'id':'$messageid$'}}}}                 | API.SendMessage.request_url: missing
            {'API':{'SendMessage':{'request_url':'ftp://x','response_map':{'id':'$messageid$'}}}} | API.SendMessage.request_url: 'ftp://x' is not an http(s) URL
            {'API':{'SendMessage':{'request_url':'https://a.example/$nope$','response_map':{'id':'$messageid$'}}}} | API.SendMessage.request_url: $nope$ is not a message placeholder
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_method':'DELETE','response_map':{'id':'$messageid$'}}}} | request_method: 'DELETE' is not one of
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_content_type':'text/xml','response_map':{'id':'$messageid$'}}}} | request_content_type: 'text/xml' is not supported
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_method':'GET','request_content_type':'application/json','response_map':{'id':'$messageid$'}}}} | a GET request has no body
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_content_type':'application/x-www-form-urlencoded','request_parameters':{'a':{'b':'$to$'}},'response_map':{'id':'$messageid$'}}}} | request_parameters.a: a form parameter must be a single value
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_parameters':{'text':'$content'},'response_map':{'id':'$messageid$'}}}} | request_parameters.text: '$' at position 0 opens a placeholder that is never closed
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_parameters':{'text':'$body$'},'response_map':{'id':'$messageid$'}}}} | request_parameters.text: $body$ is not a message placeholder
            {'API':{'SendMessage':{'request_url':'https://a.example/x','request_parameters':{'$to$':'x'},'response_map':{'id':'$messageid$'}}}} | placeholders go in values, not in names
            {'API':{'SendMessage':{'request_url':'https://a.example/x'}}}                 | API.SendMessage.response_map: missing
            {'API':{'SendMessage':{'request_url':'https://a.example/x','response_map':{'id':'$id$'}}}} | response_map.id: $id$ is not $messageid$
            {'API':{'SendMessage':{'request_url':'https://a.example/x','response_map':{'id':'fixed'}}}} | response_map: does not contain $messageid$
            {'API':{'SendMessage':{'request_url':'https://a.example/x','response_map':{'a':[{'id':'$messageid$'},{}]}}}} | an array in a map takes one element
            {'auth':{'type':'OAuth2'},'API':{SEND}}                                       | auth.type: 'OAuth2' is not supported
            {'auth':{'type':'Bearer'},'API':{SEND}}                                       | auth.token: missing
            {'auth':{'type':'Bearer','token':'$API key$'},'API':{SEND}}                   | auth.token: $API key$ is not the template's properties
            {'API':{SEND},'Webhook':'x'}                                                  | Webhook: expected a list of events
            {'API':{SEND},'Webhook':[{'event_type':'message','request_parameters':{}}]}   | Webhook[0].event_key: missing
            {'API':{SEND},'Webhook':[{'event_key':'m','event_type':'sms','request_parameters':{}}]} | Webhook[0].event_type: 'sms' is not one of
            {'API':{SEND},'Webhook':[{'event_key':'m','event_type':'message'}]}           | Webhook[0].request_parameters: missing
            {'API':{SEND},'Webhook':[{'event_key':'m','event_type':'message','request_parameters':{'to':'$to$','content':'$content$'}}]} | a message event needs $from$
            {'API':{SEND},'Webhook':[{'event_key':'d','event_type':'messageDelivered','request_parameters':{'status':'ok'}}]} | a messageDelivered event needs $messageid$
            {'API':{SEND},'Webhook':{'d':{'event_type':'messageDelivered','request_parameters':{'id':'$msgid$'}}}} | Webhook.d.request_parameters.id: $msgid$ is not an event placeholder
            {'API':{SEND},'Webhook':[{'event_key':'d','event_type':'messageDelivered','request_parameters':{'id':'$messageid$'}},{'event_key':'d','event_type':'messageFailed','request_parameters':{'id':'$messageid$'}}]} | event_key 'd' is used twice
            {'API':{SEND},'number_format':'digits'}                                        | number_format: unknown
            """)
    void brokenTemplatesAreRefusedWithFilePathAndFault(String json, String expected) {
        assertThatThrownBy(() -> Templates.parse(json.replace("{SEND}", "{" + SEND + "}")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("providers/test.json: ")
                .hasMessageContaining(expected);
    }

    @Test
    void twoFilesWithOneIdAreRefused(@TempDir Path dir) throws Exception {
        String t = ("{'id':'same','API':{" + SEND + "}}").replace('\'', '"');
        Files.writeString(dir.resolve("a.json"), t);
        Files.writeString(dir.resolve("b.json"), t);
        assertThatThrownBy(() -> ProviderTemplates.load(dir)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("b.json: id: 'same' is already the id of").hasMessageContaining("a.json");
    }

    @Test
    void aMissingFolderHoldsNoTemplates(@TempDir Path dir) {
        assertThat(ProviderTemplates.load(dir.resolve("none")).ids()).isEmpty();
    }
}
