package io.smsbridge.edge.webhook;

import io.smsbridge.core.net.AddressRanges;

/**
 * Where a webhook came from: the TCP peer, unless the peer is a trusted proxy and X-Forwarded-For is
 * trusted (webhooks.trust-forwarded-for); then the last address in that header that is not a trusted
 * proxy itself. Off by default: a client can write any X-Forwarded-For it likes.
 */
public final class SourceAddress {

    private final boolean trustForwardedFor;
    private final AddressRanges proxies;

    public SourceAddress(boolean trustForwardedFor, AddressRanges proxies) {
        if (trustForwardedFor && proxies.isEmpty()) {
            throw new IllegalArgumentException("webhooks.trust-forwarded-for is true but webhooks.trusted-proxies"
                    + " is empty: name the proxies (CIDR) whose X-Forwarded-For may be believed");
        }
        this.trustForwardedFor = trustForwardedFor;
        this.proxies = proxies;
    }

    public String of(String peer, String forwardedFor) {
        if (!trustForwardedFor || forwardedFor == null || !proxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!proxies.contains(hop)) {
                return hop.isEmpty() ? peer : hop;
            }
        }
        return peer;
    }
}
