package io.smsbridge.store.directory;

import io.smsbridge.core.directory.Directory;
import io.smsbridge.core.directory.DirectoryException;
import io.smsbridge.core.directory.Integration;
import io.smsbridge.core.directory.Organization;
import io.smsbridge.core.directory.SmsNumber;
import io.smsbridge.store.db.ColumnLimits;

/**
 * Holds a directory to the sizes of the columns it is stored in, so a display name too long for its
 * column is refused naming the entry (422 through the admin API, a start error from the file), never
 * a database error at write time.
 */
public final class DirectoryLimits {

    private final int domain;
    private final int webhookUrl;
    private final int provider;
    private final int displayName;
    private final int header;
    private final int footer;
    private final int user;

    private final io.smsbridge.core.optout.Keywords keywords;

    /** @param keywords the default opt-out keywords, which each number's own settings must fit */
    public DirectoryLimits(ColumnLimits columns, io.smsbridge.core.optout.Keywords keywords) {
        this.keywords = keywords;
        domain = columns.of("organizations", "domain");
        webhookUrl = columns.of("organizations", "webhook_url");
        provider = columns.of("integrations", "provider");
        displayName = columns.of("sms_numbers", "display_name");
        header = columns.of("sms_numbers", "header_text");
        footer = columns.of("sms_numbers", "footer_text");
        user = columns.of("number_users", "user_address");
    }

    public void check(Directory d, String source) {
        for (Organization o : d.organizations().values()) {
            String at = source + ": organization " + o.id();
            fits(at + ".domain", o.domain(), domain);
            fits(at + ".platform.webhook-url", o.webhookUrl(), webhookUrl);
        }
        for (Integration i : d.integrations().values()) {
            fits(source + ": integration " + i.id() + ".provider", i.provider(), provider);
        }
        for (SmsNumber n : d.numbers().values()) {
            String at = source + ": number " + n.number();
            fits(at + ".display-name", n.displayName(), displayName);
            fits(at + ".header", n.header(), header);
            fits(at + ".footer", n.footer(), footer);
            for (String u : n.users()) {
                fits(at + ".users", u, user);
            }
            try {
                keywords.with(n.optOut());
            } catch (IllegalArgumentException e) {
                throw new DirectoryException(at + ".opt-out: " + e.getMessage(), at.substring(at.indexOf(": ") + 2)
                        + ".opt-out");
            }
        }
    }

    private static void fits(String path, String value, int max) {
        if (value != null && value.length() > max) {
            int colon = path.indexOf(": ");
            throw new DirectoryException(path + ": at most " + max + " characters (this one has " + value.length()
                    + ")", path.substring(colon + 2));
        }
    }
}
