package io.smsbridge.core.directory;

import io.smsbridge.core.phone.NumberFormat;
import io.smsbridge.core.traffic.SendRate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One of our business numbers (E.164) and the users that share it; {@code rate} null: no limit of its own; {@code optOut}: its own opt-out keyword settings. */
public record SmsNumber(String number, String organizationId, String integrationId, String country,
        String displayName, Duration stickiness, NumberFormat platformFormat, String header, String footer,
        List<String> users, SendRate rate, Map<String, String> optOut, Boolean smartEncoding) {

    public SmsNumber(String number, String organizationId, String integrationId, String country, String displayName,
            Duration stickiness, NumberFormat platformFormat, String header, String footer, List<String> users) {
        this(number, organizationId, integrationId, country, displayName, stickiness, platformFormat, header, footer,
                users, null, Map.of(), null);
    }

    /** Whether look-alikes are replaced by GSM-7 characters: the number's own choice, else its organization's. */
    public boolean smartEncoding(Organization org) {
        return smartEncoding != null ? smartEncoding : org != null && org.smartEncoding();
    }

    public boolean isAssigned(String user) {
        return users.contains(user);
    }
}
