package io.smsbridge.core.directory;

import io.smsbridge.core.phone.NumberFormat;

import java.time.Duration;
import java.util.List;

/** One of our business numbers (E.164) and the users that share it. */
public record SmsNumber(String number, String organizationId, String integrationId, String country,
        String displayName, Duration stickiness, NumberFormat platformFormat, String header, String footer,
        List<String> users) {

    public boolean isAssigned(String user) {
        return users.contains(user);
    }
}
