package com.zoomfactor.backend.outbox;

import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may point: an {@code http} or {@code https} URL whose host resolves to public addresses only, unless
 * the host (or its address's network) is in {@code ZF_WEBHOOK_ALLOWED_HOSTS}. Checked when a webhook is created and
 * again before every delivery (a name may resolve elsewhere by then), so that the server is never made to call its
 * own network. Also: how a URL is shown (it may carry a secret, as Slack's do).
 */
public final class WebhookUrls {

    /** A host that resolves to an address webhooks may not call: refused for good, unlike a name that does not resolve. */
    static final class NonPublic extends ApiException {

        NonPublic(String host) {
            super(400, "url's host " + host + " is a private, loopback or otherwise non-public address; webhooks call"
                    + " public addresses only (or hosts listed in ZF_WEBHOOK_ALLOWED_HOSTS)");
        }
    }

    private WebhookUrls() {
    }

    /** The URL's form (scheme, host, no user info, no fragment); the address check is {@link #requirePublic}. */
    public static URI parse(String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.isOpaque() || url.getHost() == null) {
            throw ApiException.badRequest("url must be an http:// or https:// URL with a host");
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw ApiException.badRequest("url must not carry user info or a fragment");
        }
        return url;
    }

    /**
     * Succeeds when every address the URL's host resolves to is public or allowed; fails with a 400 naming the host
     * otherwise (or when it does not resolve). The lookup blocks, so it runs off the event loop.
     */
    public static Future<URI> requirePublic(Vertx vertx, URI url, HostAllowList allowed) {
        String host = url.getHost();
        if (allowed.allowsHost(host)) {
            return Future.succeededFuture(url);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return vertx.executeBlocking(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(bare);
            } catch (UnknownHostException e) {
                throw ApiException.badRequest("url's host " + host + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (!isPublic(address) && !allowed.allowsAddress(address)) {
                    throw new NonPublic(host);
                }
            }
            return url;
        }, false);
    }

    /** Whether an address is on the public internet: not loopback, private, link-local, shared, reserved or multicast. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64.0.0/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
            boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean nat64 = first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (mapped || nat64) {
                // an IPv4 address in IPv6 clothes is judged as that address
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal && !isZero(b, 0, 16);
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The URL as lists show it: scheme, host, port and the first path segment; the rest (where Slack and Teams keep
     * the hook's secret) is cut.
     */
    public static String redact(String text) {
        try {
            URI url = new URI(text);
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            int second = path.indexOf('/', 1);
            String shown = second < 0 ? path : path.substring(0, second + 1) + "…";
            return url.getScheme() + "://" + url.getRawAuthority() + shown;
        } catch (URISyntaxException e) {
            return "(unreadable URL)";
        }
    }

    /** What the body of a call to this URL looks like: Slack's and Teams' incoming webhooks read their own shapes. */
    public static String formatFor(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("hooks.slack.com")) {
            return "slack";
        }
        if (host.endsWith(".webhook.office.com") || host.equals("outlook.office.com")) {
            return "teams";
        }
        return "json";
    }
}
