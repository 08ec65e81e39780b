package io.smsbridge.store.directory;

import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.carrier.TestCarriers;
import io.smsbridge.core.phone.NumberFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryParserTest {

    static final Map<String, String> ENV = Map.of("ACME_API_KEY", "acme-api-key-from-env-0001", "ACME_PW", "pw-from-env");

    /** Resolves {{env:NAME}} like Camel does, failing for an unknown name. */
    static final DirectoryParser PARSER = new DirectoryParser(v -> {
        String name = v.replace("{{env:", "").replace("}}", "");
        String value = ENV.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Property with key [env:" + name + "] not found");
        }
        return value;
    }, TestCarriers.builtIn());

    static final String VALID = """
            organizations:
              - id: acme
                domain: ACME.example
                platform:
                  webhook-url: https://platform.example/sms/acme
                  headers: { Authorization: "Bearer x" }
                api-keys: [ "{{env:ACME_API_KEY}}" ]
                integrations:
                  - id: acme-didww
                    provider: didww
                    webhook-token: 0123456789abcdef
                    username: trunk
                    password: "{{env:ACME_PW}}"
                    delivery-receipts: true
                numbers:
                  - number: "+1 917 905 6077"
                    integration: acme-didww
                    display-name: Sales
                    stickiness: 1h
                    platform-number-format: national
                    users: [ "101@acme.example", "102@ACME.example" ]
            """;

    @Test
    void readsAValidDirectory() {
        Directory d = PARSER.parse(VALID, "directory.yaml");
        Organization org = d.organizations().get("acme");
        assertThat(org.domain()).isEqualTo("acme.example");
        assertThat(d.organizationForApiKey("acme-api-key-from-env-0001")).isEqualTo(org);
        Integration i = d.integrations().get("acme-didww");
        assertThat(i.setting("password")).isEqualTo("pw-from-env");
        assertThat(i.flag("delivery-receipts")).isTrue();
        assertThat(i.toString()).doesNotContain("pw-from-env").doesNotContain("0123456789abcdef");
        assertThat(i.publicSettings()).doesNotContainKey("password");
        SmsNumber n = d.numbers().get("+19179056077");
        assertThat(n.country()).isEqualTo("US");
        assertThat(n.stickiness()).isEqualTo(Duration.ofHours(1));
        assertThat(n.platformFormat()).isEqualTo(NumberFormat.NATIONAL);
        assertThat(n.users()).containsExactly("101@acme.example", "102@acme.example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing domain          | 'domain: ACME.example'             | ''                               | organizations[0].domain: missing
            bad webhook url         | 'webhook-url: https://platform.example/sms/acme' | 'webhook-url: ftp:/x' | organizations[0].platform.webhook-url
            unknown provider        | 'provider: didww'                  | 'provider: carrier-pigeon'       | organizations[0].integrations[0].provider: unknown provider 'carrier-pigeon'
            short token             | 'webhook-token: 0123456789abcdef'  | 'webhook-token: abc'             | organizations[0].integrations[0].webhook-token: too short
            missing password        | 'password: "{{env:ACME_PW}}"'      | ''                               | organizations[0].integrations[0].password: missing
            unset env variable      | '{{env:ACME_PW}}'                  | '{{env:NOPE}}'                   | organizations[0].integrations[0].password: cannot resolve
            number not E.164        | '"+1 917 905 6077"'                | '"9179056077"'                   | organizations[0].numbers[0].number: '9179056077' is not in E.164
            unknown integration     | 'integration: acme-didww'          | 'integration: other'             | organizations[0].numbers[0].integration: no integration 'other'
            bad stickiness          | 'stickiness: 1h'                   | 'stickiness: forever'            | organizations[0].numbers[0].stickiness
            bad format              | 'platform-number-format: national' | 'platform-number-format: intl'   | organizations[0].numbers[0].platform-number-format
            user of another domain  | '"101@acme.example"'               | '"101@other.example"'            | organizations[0].numbers[0].users[0]: '101@other.example' is not in the organization's domain
            user without domain     | '"101@acme.example"'               | '"101"'                          | organizations[0].numbers[0].users[0]: '101' is not extension@domain
            malformed rate          | 'delivery-receipts: true'          | 'rate: fast'                     | organizations[0].integrations[0].rate: 'fast' is not a rate
            rate per day            | 'delivery-receipts: true'          | 'rate: 100/d'                    | organizations[0].integrations[0].rate: '100/d' is not a rate
            zero rate               | 'stickiness: 1h'                   | 'rate: 0/s'                      | organizations[0].numbers[0].rate: the rate must be more than 0
            bad burst               | 'display-name: Sales'              | 'burst: lots'                    | organizations[0].numbers[0].burst: a burst needs a rate
            unknown keyword setting | 'display-name: Sales'              | 'opt-out: { stop-word: QUIT }'   | organizations[0].numbers[0].opt-out.stop-word: unknown key 'stop-word'; did you mean 'stop-words'?
            burst without a rate    | 'stickiness: 1h'                   | 'burst: 20'                      | organizations[0].numbers[0].burst: a burst needs a rate
            """)
    void invalidEntriesAreNamedWithTheirPath(String name, String from, String to, String message) {
        String yaml = VALID.replace(from, to);
        assertThat(yaml).isNotEqualTo(VALID);
        assertThatThrownBy(() -> PARSER.parse(yaml, "directory.yaml"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith("directory.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void aBurstThatIsNotAWholeNumberIsRefused() {
        String yaml = VALID.replace("stickiness: 1h", "stickiness: 1h\n        rate: 10/s\n        burst: lots");
        assertThatThrownBy(() -> PARSER.parse(yaml, "directory.yaml")).hasMessageContaining(
                "organizations[0].numbers[0].burst: burst 'lots' is not a whole number");
    }

    @Test
    void duplicateNumbersAreRefused() {
        String yaml = VALID + """
                  - number: "+19179056077"
                    integration: acme-didww
                    users: [ "101@acme.example" ]
            """;
        assertThatThrownBy(() -> PARSER.parse(yaml, "d.yaml")).hasMessageContaining("numbers[1].number")
                .hasMessageContaining("listed twice");
    }

    @Test
    void notYamlSaysSo() {
        assertThatThrownBy(() -> PARSER.parse("organizations: [", "d.yaml")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PARSER.parse("foo: 1", "d.yaml")).hasMessageContaining("organizations:");
    }

    static final DirectoryParser WITH_TEMPLATES = new DirectoryParser(v -> v,
            TestCarriers.withTemplates(java.nio.file.Path.of("providers")));

    static final String TEMPLATE_DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                integrations:
                  - id: acme-json
                    provider: template:acme-sms
                    webhook-token: 0123456789abcdef
                    properties:
                      API key: key-0001
                      Account ID: AC-1
                numbers:
                  - { number: "+19179056077", integration: acme-json, users: [ "101@acme.example" ] }
            """;

    @Test
    void aTemplateIntegrationTakesItsPropertiesAndHidesThem() {
        Integration i = WITH_TEMPLATES.parse(TEMPLATE_DIRECTORY, "d.yaml").integrations().get("acme-json");
        assertThat(i.provider()).isEqualTo("template:acme-sms");
        assertThat(i.property("API key")).isEqualTo("key-0001");
        assertThat(i.property("Account ID")).isEqualTo("AC-1");
        assertThat(i.publicSettings()).isEmpty();
        assertThat(i.toString()).doesNotContain("key-0001");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown template        | 'template:acme-sms'   | 'template:nope'     | integrations[0].provider: unknown provider 'template:nope'; known: didww, sandbox, thinq, template:acme-sms
            missing property        | '      Account ID: AC-1' | ''               | integrations[0].properties.Account ID: missing: template acme-sms needs it
            unknown property        | 'Account ID: AC-1'    | 'Account: AC-1'     | integrations[0].properties.Account: template acme-sms has no property 'Account'
            line break in property  | 'key-0001'            | '"key\\r\\nX: 1"'   | integrations[0].properties.API key: contains a line break
            no webhook token        | 'webhook-token: 0123456789abcdef' | ''      | integrations[0].webhook-token: missing
            """)
    void badTemplateIntegrationsAreNamedWithTheirPath(String name, String from, String to, String message) {
        String yaml = TEMPLATE_DIRECTORY.replace(from, to);
        assertThat(yaml).isNotEqualTo(TEMPLATE_DIRECTORY);
        assertThatThrownBy(() -> WITH_TEMPLATES.parse(yaml, "d.yaml")).isInstanceOf(DirectoryException.class)
                .hasMessageContaining("organizations[0]." + message);
    }

    @Test
    void onlyTemplateProvidersTakeProperties() {
        String yaml = VALID.replace("delivery-receipts: true", "properties: { x: y }");
        assertThatThrownBy(() -> PARSER.parse(yaml, "d.yaml"))
                .hasMessageContaining("integrations[0].properties: only template providers take properties");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top level     | 'organizations:'           | 'organisations: []\norganizations:' | d.yaml: organisations: unknown key 'organisations'; did you mean 'organizations'?
            organization  | '    domain: acme.example' | '    domian: x\n    domain: acme.example' | organizations[0].domian: unknown key 'domian'; did you mean 'domain'?
            integration   | '        username: u'      | '        usernmae: u\n        username: u' | integrations[0].usernmae: unknown key 'usernmae'; did you mean 'username'?
            number        | 'stickiness: 1h'           | 'stickness: 1h'                      | numbers[0].stickness: unknown key 'stickness'; did you mean 'stickiness'?
            """)
    void anUnknownKeyIsRefusedWithTheKeyItMeant(String where, String from, String to, String message) {
        String yaml = TYPO_BASE.replace(from, to.replace("\\n", "\n"));
        assertThat(yaml).as(where).isNotEqualTo(TYPO_BASE);
        assertThatThrownBy(() -> PARSER.parse(yaml, "d.yaml")).isInstanceOf(DirectoryException.class)
                .hasMessageContaining(message);
    }

    static final String TYPO_BASE = """
            organizations:
              - id: acme
                domain: acme.example
                integrations:
                  - id: acme-didww
                    provider: didww
                    webhook-token: 0123456789abcdef
                    username: u
                    password: p
                numbers:
                  - { number: "+19179056077", integration: acme-didww, stickiness: 1h, users: [ "101@acme.example" ] }
            """;
}
