package io.smsbridge.core.message;

import io.smsbridge.core.directory.Integration;

import java.util.List;

/**
 * A message on its way to a carrier, as the carrier gets it.
 *
 * @param from our number, E.164
 * @param to   the contact, E.164 (or a short code)
 * @param user the sending user, extension@domain
 */
public record OutboundSms(String messageId, Integration integration, String from, String to, String user,
        String text, List<String> mediaUrls, int attempt) {
}
