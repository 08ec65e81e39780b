package io.smsbridge.core.message;

/**
 * A user's message to send: the platform's SendMessage / SendFile parameters (docs/configuration.md,
 * the platform API). A picture is {@code mediaUrl}.
 */
public record SendRequest(String from, String to, String extension, String domain, String text, String mediaUrl,
        boolean dryRun) {

    public SendRequest(String from, String to, String extension, String domain, String text, String mediaUrl) {
        this(from, to, extension, domain, text, mediaUrl, false);
    }
}
