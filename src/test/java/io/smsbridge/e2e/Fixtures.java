package io.smsbridge.e2e;

import java.util.concurrent.atomic.AtomicInteger;

/** The directory the end-to-end tests run against, and unique contacts so tests never share a conversation. */
final class Fixtures {

    static final String API_KEY = "acme-api-key-0001-secret";
    static final String OTHER_API_KEY = "other-api-key-0001-secret";
    static final String DIDWW_TOKEN = "didww-webhook-token-0001-secret";
    static final String DLR_TOKEN = "didww-webhook-token-0002-secret";
    static final String TRUNK_PASSWORD = "trunk-password-0001-secret";
    static final String PLATFORM_TOKEN = "platform-bearer-0001-secret";

    static final String STICKY = "+19179056077";      // stickiness 1h
    static final String NOT_STICKY = "+19179056078";  // stickiness 0
    static final String SHORT_STICKY = "+19179056079"; // stickiness 1s, national format to the platform
    static final String WITH_DLR = "+19179056080";    // delivery receipts, header and footer
    static final String SANDBOX = "+15550100001";
    static final String THINQ = "+19179056091";
    static final String NO_MMS = "+19179056092";     // DIDWW with mms-fallback: reject
    static final String THINQ_TOKEN = "thinq-webhook-token-0001-secret";
    static final String THINQ_API_TOKEN = "thinq-api-token-0001-secret";

    static final String DIRECTORY = """
            organizations:
              - id: acme
                domain: acme.example
                platform:
                  webhook-url: ${mock}/platform/acme
                  headers: { Authorization: "Bearer %s" }
                api-keys: [ "%s" ]
                integrations:
                  - id: acme-didww
                    provider: didww
                    webhook-token: %s
                    username: trunk-user
                    password: %s
                    base-url: ${mock}/didww
                  - id: acme-didww-dlr
                    provider: didww
                    webhook-token: %s
                    username: trunk-user-2
                    password: %s
                    base-url: ${mock}/didww
                    delivery-receipts: true
                  - id: acme-thinq
                    provider: thinq
                    webhook-token: THINQ_TOKEN
                    account-id: "12345"
                    username: thinq-user
                    token: THINQ_API_TOKEN
                    base-url: ${mock}/thinq
                  - id: acme-didww-nomms
                    provider: didww
                    webhook-token: didww-webhook-token-0003-secret
                    username: trunk-user-3
                    password: trunk-password-3
                    base-url: ${mock}/didww
                    mms-fallback: reject
                  - id: acme-sandbox
                    provider: sandbox
                    echo: true
                    echo-delay: 300ms
                    delivery-delay: 50ms
                numbers:
                  - { number: "%s", integration: acme-didww, country: US, stickiness: 1h,
                      users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "%s", integration: acme-didww, country: US, stickiness: 0,
                      users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "%s", integration: acme-didww, country: US, stickiness: 1s,
                      platform-number-format: national, users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "%s", integration: acme-didww-dlr, country: US, stickiness: 1h,
                      header: "ACME:", footer: "Reply STOP to opt out", users: [ "101@acme.example" ] }
                  - { number: "THINQ_NUMBER", integration: acme-thinq, country: US, stickiness: 1h,
                      users: [ "101@acme.example", "102@acme.example" ] }
                  - { number: "NO_MMS_NUMBER", integration: acme-didww-nomms, users: [ "101@acme.example" ] }
                  - { number: "%s", integration: acme-sandbox, country: US, stickiness: 1h,
                      users: [ "101@acme.example", "102@acme.example" ] }
              - id: beta
                domain: beta.example
                platform:
                  webhook-url: ${mock}/platform/beta
                api-keys: [ "beta-api-key-0001-secret" ]
                integrations:
                  - id: beta-didww
                    provider: didww
                    webhook-token: beta-webhook-token-0001
                    username: beta-trunk
                    password: beta-trunk-password
                    base-url: ${mock}/didww
                numbers:
                  - { number: "+19179056090", integration: beta-didww, users: [ "301@beta.example" ] }
              - id: other
                domain: other.example
                api-keys: [ "%s" ]
                integrations:
                  - { id: other-sandbox, provider: sandbox }
                numbers:
                  - { number: "+15550100002", integration: other-sandbox, users: [ "201@other.example" ] }
            """.formatted(PLATFORM_TOKEN, API_KEY, DIDWW_TOKEN, TRUNK_PASSWORD, DLR_TOKEN, TRUNK_PASSWORD, STICKY,
            NOT_STICKY, SHORT_STICKY, WITH_DLR, SANDBOX, OTHER_API_KEY)
            .replace("THINQ_TOKEN", THINQ_TOKEN).replace("THINQ_API_TOKEN", THINQ_API_TOKEN)
            .replace("THINQ_NUMBER", THINQ).replace("NO_MMS_NUMBER", NO_MMS);

    private static final AtomicInteger NEXT = new AtomicInteger(1000);

    /** A fresh US contact, E.164. */
    static String contact() {
        return "+1917555" + NEXT.getAndIncrement();
    }

    private Fixtures() {
    }
}
