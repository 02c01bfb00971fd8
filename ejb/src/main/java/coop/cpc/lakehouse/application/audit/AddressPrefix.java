package coop.cpc.lakehouse.application.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * The network part of an IP address literal, as text: IPv4 dotted quads and IPv6 in any RFC 4291 text form
 * (compressed, with an embedded IPv4 tail, with a zone). Parsed here, never looked up: no name resolution can
 * happen. The zone (an interface name) is dropped; an IPv4-mapped IPv6 address is treated as its IPv4 address, a
 * 6to4 address keeps no more of its embedded IPv4 address than an IPv4 address keeps, a Teredo address only its
 * /32 prefix.
 */
final class AddressPrefix {
    private AddressPrefix() {}

    /**
     * The address with every bit after the first {@code ipv4Bits} (IPv4) or {@code ipv6Bits} (IPv6) cleared, or
     * null if the text is not an IP literal.
     */
    static String of(String text, int ipv4Bits, int ipv6Bits) {
        byte[] address = text.contains(":") ? ipv6(text) : ipv4(text);
        if (address == null) {
            return null;
        }
        if (address.length == 16 && isIpv4Mapped(address)) {
            address = Arrays.copyOfRange(address, 12, 16);
        }
        if (address.length == 4) {
            return formatIpv4(mask(address, ipv4Bits));
        }
        return formatIpv6(mask(address, Math.min(ipv6Bits, embeddedIpv4Bound(address, ipv4Bits))));
    }

    /**
     * The most bits of an IPv6 address that carries an IPv4 address may keep: 6to4 (2002::/16) holds one in bits
     * 16 to 47, which keep no more than an IPv4 address keeps; Teredo (2001:0::/32) holds the server's in bits 32
     * to 63 and the client's after them, so only its /32 prefix is kept. Any other address: 128.
     */
    private static int embeddedIpv4Bound(byte[] address, int ipv4Bits) {
        if (address[0] == 0x20 && address[1] == 0x02) {
            return 16 + ipv4Bits;
        }
        if (address[0] == 0x20 && address[1] == 0x01 && address[2] == 0 && address[3] == 0) {
            return 32;
        }
        return 128;
    }

    private static byte[] ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static byte[] ipv6(String text) {
        int zone = text.indexOf('%');
        String literal = zone < 0 ? text : text.substring(0, zone);
        int gap = literal.indexOf("::");
        if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(literal, true) : groups(literal.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : groups(literal.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** The 16-bit groups of a colon-separated run; the last may be a dotted IPv4 address (two groups). */
    private static int[] groups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        String last = parts[parts.length - 1];
        byte[] ipv4 = mayEndInIpv4 && last.contains(".") ? ipv4(last) : null;
        if (last.contains(".") && ipv4 == null) {
            return null;
        }
        int hexCount = ipv4 == null ? parts.length : parts.length - 1;
        int[] out = new int[ipv4 == null ? hexCount : hexCount + 2];
        for (int i = 0; i < hexCount; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            out[i] = Integer.parseInt(part, 16);
        }
        if (ipv4 != null) {
            out[hexCount] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
            out[hexCount + 1] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
        }
        return out;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] = (byte) (out[i] & (0xff00 >> keep));
        }
        return out;
    }

    private static String formatIpv4(byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String formatIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
