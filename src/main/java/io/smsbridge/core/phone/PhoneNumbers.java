package io.smsbridge.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and formats numbers with libphonenumber.
 *
 * <p>Carriers send digits that are usually E.164 without '+', users type national numbers. Both are
 * tried in the order that fits the source, preferring a number libphonenumber calls valid over one
 * that is only possible (fictional ranges such as 555 are possible, not valid).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s().\\-/]");
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d+");
    private static final Pattern HAS_LETTER = Pattern.compile("\\p{L}");
    private static final int MIN_SHORT_CODE_DIGITS = 3;
    private static final int MAX_SHORT_CODE_DIGITS = 6;

    private PhoneNumbers() {
    }

    /** Where a number came from decides which reading is tried first. */
    public enum Source {
        /** A carrier: digits are international (E.164 without '+') first, national second. */
        CARRIER,
        /** A person: national first (the number's country), international second. */
        USER
    }

    /**
     * Reads a number from a carrier payload. Never fails for a non-empty value: what is not a phone
     * number is a short code or an alphanumeric sender ID, kept verbatim.
     */
    public static Address parseSender(String raw, String defaultRegion) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new InvalidNumberException("the sender address is empty");
        }
        String compact = PUNCTUATION.matcher(s).replaceAll("");
        if (HAS_LETTER.matcher(s).find() || !DIGITS.matcher(compact).matches()) {
            return new Address(Address.Kind.ALPHANUMERIC, s);
        }
        if (!compact.startsWith("+") && compact.length() <= MAX_SHORT_CODE_DIGITS) {
            return new Address(Address.Kind.SHORT_CODE, compact);
        }
        PhoneNumber n = parse(compact, defaultRegion, Source.CARRIER);
        if (n == null) {
            // digits we cannot place: still a real sender, keep it as the carrier gave it
            return new Address(Address.Kind.SHORT_CODE, compact);
        }
        return new Address(Address.Kind.PHONE, e164(n));
    }

    /**
     * A number as a person typed it to look something up (a contact in a search): a phone number
     * first, in {@code region} when national; otherwise a short code or sender ID as it is.
     */
    public static String typed(String raw, String region) {
        try {
            return parseRecipient(raw, region).value();
        } catch (InvalidNumberException e) {
            return parseSender(raw, region).value();
        }
    }

    /**
     * Reads a contact a user typed. Throws {@link InvalidNumberException} for anything that cannot be
     * sent to: empty, alphanumeric, or digits that make no number of any country.
     */
    public static Address parseRecipient(String raw, String defaultRegion) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new InvalidNumberException("the recipient number is empty");
        }
        String compact = PUNCTUATION.matcher(s).replaceAll("");
        if (HAS_LETTER.matcher(s).find()) {
            throw new InvalidNumberException("'" + s + "' is an alphanumeric sender ID; replies to it cannot be"
                    + " delivered. Send to a phone number or short code instead");
        }
        if (!DIGITS.matcher(compact).matches()) {
            throw new InvalidNumberException("'" + s + "' is not a phone number; use E.164 (+19179056077) or a"
                    + " national number of " + regionName(defaultRegion));
        }
        if (!compact.startsWith("+") && compact.length() <= MAX_SHORT_CODE_DIGITS) {
            if (compact.length() < MIN_SHORT_CODE_DIGITS) {
                throw new InvalidNumberException("'" + s + "' is too short for a phone number or a short code");
            }
            return new Address(Address.Kind.SHORT_CODE, compact);
        }
        PhoneNumber n = parse(compact, defaultRegion, Source.USER);
        if (n == null) {
            throw new InvalidNumberException("'" + s + "' is not a valid phone number for " + regionName(defaultRegion)
                    + " nor in international format; use E.164 such as +19179056077");
        }
        return new Address(Address.Kind.PHONE, e164(n));
    }

    /** Parses one of our own numbers (directory), which must be E.164. */
    public static String requireE164(String raw) {
        String s = clean(raw);
        String compact = PUNCTUATION.matcher(s).replaceAll("");
        if (!compact.startsWith("+") || !DIGITS.matcher(compact).matches()) {
            throw new InvalidNumberException("'" + raw + "' is not in E.164 format (+ country code and number,"
                    + " e.g. +19179056077)");
        }
        try {
            PhoneNumber n = UTIL.parse(compact, "ZZ");
            if (!UTIL.isPossibleNumber(n)) {
                throw new InvalidNumberException("'" + raw + "' has the wrong length for country code +"
                        + n.getCountryCode());
            }
            return e164(n);
        } catch (NumberParseException e) {
            throw new InvalidNumberException("'" + raw + "' is not a phone number: " + e.getMessage());
        }
    }

    /** The ISO region of an E.164 number, e.g. "US" for +19179056077; null when unknown. */
    public static String regionOf(String e164) {
        try {
            PhoneNumber n = UTIL.parse(e164, "ZZ");
            String region = UTIL.getRegionCodeForNumber(n);
            if (region == null || "ZZ".equals(region)) {
                // not an assigned range (e.g. +1 555): the main country of its calling code
                region = UTIL.getRegionCodeForCountryCode(n.getCountryCode());
            }
            return "ZZ".equals(region) ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    public static boolean isKnownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /** Formats a stored address for the platform. Non-phone addresses are shown as they are. */
    public static String format(Address address, NumberFormat format) {
        if (!address.isPhone()) {
            return address.value();
        }
        return switch (format) {
            case E164 -> address.value();
            case E164_NO_PLUS -> address.value().substring(1);
            case NATIONAL -> national(address.value());
        };
    }

    /** E.164 digits without '+' (DIDWW). Non-phone addresses unchanged. */
    public static String digitsOnly(String e164OrVerbatim) {
        return e164OrVerbatim.startsWith("+") ? e164OrVerbatim.substring(1) : e164OrVerbatim;
    }

    private static String national(String e164) {
        try {
            PhoneNumber n = UTIL.parse(e164, "ZZ");
            String formatted = UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
            return formatted.replaceAll("[^0-9]", "");
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private static PhoneNumber parse(String compact, String region, Source source) {
        if (compact.startsWith("+")) {
            PhoneNumber n = tryParse(compact, "ZZ");
            return n != null && UTIL.isPossibleNumber(n) ? n : null;
        }
        PhoneNumber international = tryParse("+" + compact, "ZZ");
        PhoneNumber national = region == null ? null : tryParse(compact, region);
        PhoneNumber first = source == Source.CARRIER ? international : national;
        PhoneNumber second = source == Source.CARRIER ? national : international;
        for (PhoneNumber n : new PhoneNumber[] {first, second}) {
            if (n != null && UTIL.isValidNumber(n)) {
                return n;
            }
        }
        for (PhoneNumber n : new PhoneNumber[] {first, second}) {
            if (n != null && UTIL.isPossibleNumber(n)) {
                return n;
            }
        }
        return null;
    }

    private static PhoneNumber tryParse(String s, String region) {
        try {
            return UTIL.parse(s, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String e164(PhoneNumber n) {
        return UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.trim();
        // carriers sometimes double-encode the '+'
        if (s.regionMatches(true, 0, "%2B", 0, 3)) {
            s = "+" + s.substring(3);
        }
        return s;
    }

    private static String regionName(String region) {
        return region == null ? "the number's country" : region;
    }
}
