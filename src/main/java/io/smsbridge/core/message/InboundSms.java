package io.smsbridge.core.message;

import java.time.Instant;
import java.util.List;

/**
 * A message a carrier delivered to one of our numbers, in the bridge's own terms.
 *
 * @param dedupeKey         carrier's id, or a hash of the content when the carrier gives none
 * @param providerMessageId carrier's id, or null
 * @param from              sender as the carrier wrote it
 * @param to                our number as the carrier wrote it
 * @param text              text (may be empty for a picture without caption)
 * @param mediaUrls         pictures (MMS), empty for SMS
 * @param receivedAt        carrier's receive time, or now
 */
public record InboundSms(String dedupeKey, String providerMessageId, String from, String to, String text,
        List<String> mediaUrls, Instant receivedAt) {
}
