package coop.cpc.lakehouse.ingest.http;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Refuses connections that could reach the server's own network: only http and https, and every
 * address the host resolves to must be public, that is outside every block of the IANA
 * special-purpose registries ({@link SpecialAddresses}: loopback, private, link-local where cloud
 * metadata services live, carrier-grade NAT, documentation, benchmarking, multicast, reserved, and
 * IPv6 forms carrying such an IPv4 address).
 *
 * <p>A numeric host must be a canonical dotted quad ({@code 127.0.0.1}): forms such as
 * {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433} or {@code 127.1} mean one address to
 * Java and another to a browser or curl, so they are refused, and so are IPv6 zone ids. IP
 * literals are never sent to DNS; host names go through the {@link Resolver}.
 *
 * <p>An allow-list entry, a host name or an IP literal, lets that host or address through.
 *
 * <p>The check resolves the host itself; the client resolves it again when it connects, so a DNS
 * server that changes its answer in between (DNS rebinding) is not stopped here. Redirects must be
 * checked one by one, which {@link HttpJsonSource} does.
 */
public final class SsrfGuard {
    private static final Logger LOG = Logger.getLogger(SsrfGuard.class.getName());

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9A-Fa-f]*");
    /** The longest host name DNS allows (RFC 1035), without the trailing dot; checked before any pattern runs. */
    static final int MAX_HOST_CHARS = 253;

    /** How much of a refused host a message shows. */
    static final int SHOWN_HOST_CHARS = 64;

    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

    private final Set<String> allowedHosts = new HashSet<>();
    private final Set<InetAddress> allowedAddresses = new HashSet<>();
    private final Resolver resolver;

    public SsrfGuard(Set<String> allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    /** @param resolver asked only for host names, never for IP literals */
    public SsrfGuard(Set<String> allowList, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowList) {
            String e = unbracket(entry.trim().toLowerCase(Locale.ROOT));
            if (isIpLiteral(e)) {
                try {
                    allowedAddresses.add(literal(e));
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
            throw new SsrfRefusedException(
                    shown, shown + ": scheme '" + scheme + "' refused; only http and https are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SsrfRefusedException(shown, shown + ": no host");
        }
        checkHost(shown, uri.getHost());
    }

    /**
     * Passes when a connection to the host may be opened; otherwise says why not, before anything
     * is sent. An unknown host stays a plain UnknownHostException: DNS failures are often transient.
     *
     * @param shown how messages name the target
     * @return the addresses checked (empty for an allow-listed host name, which is not resolved)
     */
    public List<InetAddress> checkHost(String shown, String rawHost) throws IOException {
        String host = unbracket(rawHost.toLowerCase(Locale.ROOT));
        String formProblem = formProblem(host);
        if (formProblem != null) {
            throw new SsrfRefusedException(shown, shown + ": host '" + abbreviated(rawHost) + "' " + formProblem);
        }
        if (allowedHosts.contains(host)) {
            return List.of();
        }
        InetAddress[] addresses = isIpLiteral(host) ? new InetAddress[] {literal(host)} : resolver.resolve(host);
        List<InetAddress> checked = new ArrayList<>();
        for (InetAddress address : addresses) {
            checked.add(address);
            if (allowedAddresses.contains(address)) {
                continue;
            }
            String kind = SpecialAddresses.kindOf(address);
            if (kind != null) {
                String what = address.getHostAddress() + ", a " + kind + " address";
                if (isIpLiteral(host)) {
                    throw new SsrfRefusedException(
                            shown,
                            shown + ": host '" + abbreviated(host) + "' is " + what
                                    + "; refused unless the source's allow-list names it");
                }
                // What a name resolves to goes to the server's log only: in the message, a caller could map the
                // internal DNS zone name by name.
                LOG.info(() -> shown + ": host '" + abbreviated(host) + "' resolves to " + what + "; refused");
                throw new SsrfRefusedException(
                        shown,
                        shown + ": host '" + abbreviated(host)
                                + "' resolves to an address that is not public; refused unless the source's"
                                + " allow-list names it");
            }
        }
        return List.copyOf(checked);
    }

    /**
     * Why a host cannot be judged safely, or null. A host whose last label is a number (decimal or
     * 0x-hex) is read as an IPv4 address by browsers (WHATWG URL) in forms Java reads otherwise,
     * so only the canonical dotted quad is accepted.
     */
    static String formProblem(String host) {
        if (host.isEmpty()) {
            return "is empty";
        }
        if (host.contains(":")) {
            return host.contains("%") ? "has an IPv6 zone id; refused" : null;
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (trimmed.length() > MAX_HOST_CHARS) {
            // Before the patterns: Java's regular expressions recurse once per label, and a long host would overflow
            // the stack.
            return "is not a valid host name: " + trimmed.length() + " characters, more than " + MAX_HOST_CHARS;
        }
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        boolean numeric = DECIMAL.matcher(last).matches() || HEX.matcher(last).matches();
        if (numeric && !CANONICAL_IPV4.matcher(host).matches()) {
            return "is a numeric address that is not a plain dotted quad (a.b.c.d, decimal, no leading zeros); "
                    + "refused because programs read such forms differently";
        }
        if (!numeric && !HOST_NAME.matcher(host).matches()) {
            return "is not a valid host name";
        }
        return null;
    }

    private static boolean isIpLiteral(String s) {
        return CANONICAL_IPV4.matcher(s).matches() || s.contains(":");
    }

    /** Only for canonical IPv4 and IPv6 literals, which InetAddress parses without DNS. */
    private static InetAddress literal(String s) throws UnknownHostException {
        if (s.contains(":") && !s.matches("[0-9a-f:.]+")) {
            throw new UnknownHostException("not an IPv6 address: " + s);
        }
        InetAddress address = InetAddress.getByName(s);
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            throw new UnknownHostException("IPv6 zone ids are refused: " + s);
        }
        return address;
    }

    /** The host as messages show it: its first {@value #SHOWN_HOST_CHARS} characters and an ellipsis. */
    private static String abbreviated(String host) {
        return host.length() <= SHOWN_HOST_CHARS ? host : host.substring(0, SHOWN_HOST_CHARS) + "…";
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
