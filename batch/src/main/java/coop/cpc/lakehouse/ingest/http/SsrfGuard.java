package coop.cpc.lakehouse.ingest.http;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses requests that could reach the server's own network: only http and https, and every
 * address the host resolves to must be public. Refused: loopback (127/8, ::1), wildcard (0/8,
 * ::), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), link-local (169.254/16,
 * fe80::/10, where cloud metadata services live), carrier-grade NAT (100.64/10), multicast,
 * broadcast, and IPv6 forms embedding such an IPv4 address (mapped, compatible, NAT64, 6to4).
 *
 * <p>An allow-list entry, a host name or an IP literal, lets that host or address through.
 *
 * <p>The check resolves the host itself; the HTTP client resolves it again when it connects, so
 * a DNS server that changes its answer in between (DNS rebinding) is not stopped here. Redirects
 * must be checked one by one, which {@link HttpJsonSource} does.
 */
public final class SsrfGuard {

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowedHosts = new HashSet<>();
    private final Set<InetAddress> allowedAddresses = new HashSet<>();
    private final Resolver resolver;

    public SsrfGuard(Set<String> allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    SsrfGuard(Set<String> allowList, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowList) {
            String e = unbracket(entry.trim().toLowerCase(Locale.ROOT));
            if (isIpLiteral(e)) {
                try {
                    allowedAddresses.add(InetAddress.getByName(e));
                } catch (UnknownHostException ex) {
                    throw new IllegalArgumentException("allow-list entry '" + entry + "' is not an IP address", ex);
                }
            } else {
                allowedHosts.add(e);
            }
        }
    }

    /** Passes when the URL may be requested; otherwise says why not. */
    public void check(URI uri) throws IOException {
        String shown = Urls.redacted(uri);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SsrfRefusedException(shown, shown + ": scheme '" + scheme + "' refused; only http and https are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SsrfRefusedException(shown, shown + ": no host");
        }
        String host = unbracket(uri.getHost().toLowerCase(Locale.ROOT));
        if (allowedHosts.contains(host)) {
            return;
        }
        // An unknown host stays a plain UnknownHostException: DNS failures are often transient and retried.
        InetAddress[] addresses = resolver.resolve(host);
        for (InetAddress address : addresses) {
            if (allowedAddresses.contains(address)) {
                continue;
            }
            String kind = internalKind(address);
            if (kind != null) {
                throw new SsrfRefusedException(shown, shown + ": host '" + host + "' is " + address.getHostAddress()
                        + ", a " + kind + " address; refused unless the source's allow-list names it");
            }
        }
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String internalKind(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    String kind = internalKind(InetAddress.getByAddress(embedded));
                    return kind == null ? null : kind + " (embedded in IPv6)";
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique local (fc00::/7)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "'this network' (0.0.0.0/8)";
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return "carrier-grade NAT (100.64.0.0/10)";
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return "broadcast";
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address, else null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean isIpLiteral(String s) {
        return IPV4_LITERAL.matcher(s).matches() || s.contains(":");
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
