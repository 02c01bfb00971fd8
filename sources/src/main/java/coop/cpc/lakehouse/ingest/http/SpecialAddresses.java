package coop.cpc.lakehouse.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The IANA special-purpose address registries (IPv4 and IPv6, as of 2025), plus multicast and
 * IPv6 space outside global unicast: every block a request from the server must not reach unless
 * an operator allows it. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by
 * the IPv4 address they carry.
 */
final class SpecialAddresses {

    /** A CIDR block and what it is. */
    private record Block(byte[] network, int prefix, String kind) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, "'this network' (0.0.0.0/8)"),
            block("10.0.0.0", 8, "private (10.0.0.0/8)"),
            block("100.64.0.0", 10, "carrier-grade NAT (100.64.0.0/10)"),
            block("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
            block("169.254.0.0", 16, "link-local (169.254.0.0/16)"),
            block("172.16.0.0", 12, "private (172.16.0.0/12)"),
            block("192.0.0.0", 24, "IETF protocol assignment (192.0.0.0/24)"),
            block("192.0.2.0", 24, "documentation (192.0.2.0/24)"),
            block("192.31.196.0", 24, "AS112 (192.31.196.0/24)"),
            block("192.52.193.0", 24, "AMT (192.52.193.0/24)"),
            block("192.88.99.0", 24, "6to4 relay anycast (192.88.99.0/24)"),
            block("192.168.0.0", 16, "private (192.168.0.0/16)"),
            block("192.175.48.0", 24, "AS112 direct delegation (192.175.48.0/24)"),
            block("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
            block("198.51.100.0", 24, "documentation (198.51.100.0/24)"),
            block("203.0.113.0", 24, "documentation (203.0.113.0/24)"),
            block("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
            block("255.255.255.255", 32, "broadcast (255.255.255.255)"),
            block("240.0.0.0", 4, "reserved (240.0.0.0/4)"));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, "unspecified (::)"),
            block("::1", 128, "loopback (::1)"),
            block("64:ff9b:1::", 48, "local-use IPv4/IPv6 translation (64:ff9b:1::/48)"),
            block("100::", 64, "discard-only (100::/64)"),
            block("100:0:0:1::", 64, "dummy prefix (100:0:0:1::/64)"),
            block("2001:db8::", 32, "documentation (2001:db8::/32)"),
            block("2001::", 23, "IETF protocol assignment (2001::/23, Teredo included)"),
            block("2620:4f:8000::", 48, "AS112 direct delegation (2620:4f:8000::/48)"),
            block("3fff::", 20, "documentation (3fff::/20)"),
            block("5f00::", 16, "segment routing SIDs (5f00::/16)"),
            block("fc00::", 7, "unique local (fc00::/7)"),
            block("fec0::", 10, "site-local (fec0::/10)"),
            block("fe80::", 10, "link-local (fe80::/10)"),
            block("ff00::", 8, "multicast (ff00::/8)"));

    private static final Block GLOBAL_UNICAST = block("2000::", 3, "global unicast (2000::/3)");
    private static final Block MAPPED = new Block(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0},
            96,
            "IPv4-mapped (::ffff:0:0/96)");
    private static final Block NAT64 = block("64:ff9b::", 96, "NAT64 (64:ff9b::/96)");
    private static final Block SIX_TO_FOUR = block("2002::", 16, "6to4 (2002::/16)");

    private SpecialAddresses() {}

    /** What kind of non-public address this is, or null for a public one. */
    static String kindOf(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(IPV4, b);
        }
        if (!(address instanceof Inet6Address)) {
            return "unknown address family";
        }
        byte[] embedded = null;
        if (MAPPED.contains(b) || NAT64.contains(b)) {
            embedded = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (SIX_TO_FOUR.contains(b)) {
            embedded = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (embedded != null) {
            String kind = first(IPV4, embedded);
            return kind == null ? null : kind + " (embedded in IPv6)";
        }
        String kind = first(IPV6, b);
        if (kind != null) {
            return kind;
        }
        return GLOBAL_UNICAST.contains(b) ? null : "reserved IPv6 (outside global unicast 2000::/3)";
    }

    private static String first(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.kind();
            }
        }
        return null;
    }

    private static Block block(String literal, int prefix, String kind) {
        try {
            // Literals only: InetAddress parses them without asking DNS.
            return new Block(InetAddress.getByName(literal).getAddress(), prefix, kind);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
