package io.smsbridge.core.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list of address ranges in CIDR form ({@code 203.0.113.0/24, 2001:db8::/32, 198.51.100.7}),
 * IPv4 and IPv6, read from literals only (no name is ever looked up).
 */
public final class AddressRanges {

    private record Range(byte[] network, int prefix) {
    }

    private final List<Range> ranges;
    private final String text;

    private AddressRanges(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** Null or blank: an empty list. Throws {@link IllegalArgumentException} naming the bad entry. */
    public static AddressRanges parse(String list) {
        List<Range> out = new ArrayList<>();
        if (list != null) {
            for (String item : list.split(",")) {
                String s = item.strip();
                if (!s.isEmpty()) {
                    out.add(range(s));
                }
            }
        }
        return new AddressRanges(List.copyOf(out), list == null ? "" : list.strip());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (a literal) is in one of the ranges; false for anything unreadable. */
    public boolean contains(String address) {
        byte[] a = literal(address);
        if (a == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.network.length == a.length && samePrefix(r.network, a, r.prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    private static Range range(String s) {
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        byte[] net = literal(host);
        if (net == null) {
            throw new IllegalArgumentException("'" + s + "' is not an address or CIDR range such as 203.0.113.0/24");
        }
        int prefix = net.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("'" + s + "': the prefix length must be 0 to " + net.length * 8);
            }
        }
        return new Range(net, prefix);
    }

    /** The bytes of an IPv4 or IPv6 literal (never a DNS lookup), or null. */
    static byte[] literal(String s) {
        if (s == null) {
            return null;
        }
        String h = s.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.contains(":") && h.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        if (v4 && Arrays.stream(h.split("\\.")).anyMatch(p -> Integer.parseInt(p) > 255)) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(h).getAddress();
            // an IPv4-mapped IPv6 address is the IPv4 address
            if (b.length == 16 && new BigInteger(1, Arrays.copyOf(b, 10)).signum() == 0 && b[10] == -1 && b[11] == -1) {
                return Arrays.copyOfRange(b, 12, 16);
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }
}
