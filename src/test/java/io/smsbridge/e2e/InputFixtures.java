package io.smsbridge.e2e;

import java.util.List;

/** One organization on every carrier and body type the input tests drive, with its secrets. */
final class InputFixtures {

    static final String API_KEY = "input-api-key-0001-secret-value";
    static final String OTHER_API_KEY = "input-other-api-key-0001-secret";
    static final String DIDWW_TOKEN = "input-didww-token-0001-secret";
    static final String OTHER_TOKEN = "input-other-didww-token-0001-secret";
    static final String THINQ_TOKEN = "input-thinq-token-0001-secret";
    static final String ACME_TOKEN = "input-acme-json-token-0001-secret";
    static final String TPL_TOKEN = "input-didww-tpl-token-0001-secret";
    static final String TRUNK_PASSWORD = "input-trunk-password-0001-secret";
    static final String THINQ_API_TOKEN = "input-thinq-api-token-0001-secret";
    static final String ACME_KEY = "input-acme-api-key-0001-secret";
    static final String PLATFORM_TOKEN = "input-platform-bearer-0001-secret";

    static final String DIDWW = "+19179056201";
    static final String THINQ = "+19179056202";
    static final String ACME_JSON = "+19179056203";
    static final String DIDWW_TPL = "+19179056204";

    /** Every secret of the directory: none may reach a log line or an answer. */
    static final List<String> SECRETS = List.of(API_KEY, OTHER_API_KEY, DIDWW_TOKEN, OTHER_TOKEN, THINQ_TOKEN,
            ACME_TOKEN, TPL_TOKEN, TRUNK_PASSWORD, THINQ_API_TOKEN, ACME_KEY, PLATFORM_TOKEN);

    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform:
                  webhook-url: ${mock}/platform/acme
                  headers: { Authorization: "Bearer PLATFORM_TOKEN" }
                api-keys: [ "API_KEY" ]
                integrations:
                  - { id: in-didww, provider: didww, webhook-token: DIDWW_TOKEN, username: trunk-user,
                      password: TRUNK_PASSWORD, base-url: "${mock}/didww" }
                  - { id: in-thinq, provider: thinq, webhook-token: THINQ_TOKEN, account-id: "12345",
                      username: thinq-user, token: THINQ_API_TOKEN, base-url: "${mock}/thinq" }
                  - id: in-acme-json
                    provider: template:acme-sms
                    webhook-token: ACME_TOKEN
                    base-url: ${mock}/acme
                    properties: { API key: ACME_KEY, Account ID: AC42 }
                  - id: in-didww-tpl
                    provider: template:jsonapi-example
                    webhook-token: TPL_TOKEN
                    base-url: ${mock}/didww
                    properties: { Username: trunk-user, Password: TRUNK_PASSWORD }
                numbers:
                  - { number: "DIDWW_NUMBER", integration: in-didww, country: US, stickiness: 0,
                      users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "THINQ_NUMBER", integration: in-thinq, country: US, stickiness: 0,
                      users: [ "101@acme.example" ] }
                  - { number: "ACME_NUMBER", integration: in-acme-json, country: US, stickiness: 0,
                      users: [ "101@acme.example" ] }
                  - { number: "TPL_NUMBER", integration: in-didww-tpl, country: US, stickiness: 0,
                      users: [ "101@acme.example" ] }
              - id: other
                domain: other.example
                api-keys: [ "OTHER_API_KEY" ]
                integrations:
                  - { id: other-didww, provider: didww, webhook-token: OTHER_TOKEN, username: other-trunk,
                      password: TRUNK_PASSWORD, base-url: "${mock}/didww" }
                numbers:
                  - { number: "+19179056299", integration: other-didww, users: [ "201@other.example" ] }
            """.replace("PLATFORM_TOKEN", PLATFORM_TOKEN).replace("OTHER_API_KEY", OTHER_API_KEY)
            .replace("API_KEY", API_KEY).replace("OTHER_TOKEN", OTHER_TOKEN).replace("DIDWW_TOKEN", DIDWW_TOKEN)
            .replace("TRUNK_PASSWORD", TRUNK_PASSWORD).replace("THINQ_TOKEN", THINQ_TOKEN)
            .replace("THINQ_API_TOKEN", THINQ_API_TOKEN).replace("ACME_TOKEN", ACME_TOKEN)
            .replace("ACME_KEY", ACME_KEY).replace("TPL_TOKEN", TPL_TOKEN).replace("DIDWW_NUMBER", DIDWW)
            .replace("THINQ_NUMBER", THINQ).replace("ACME_NUMBER", ACME_JSON).replace("TPL_NUMBER", DIDWW_TPL);

    private InputFixtures() {
    }
}
