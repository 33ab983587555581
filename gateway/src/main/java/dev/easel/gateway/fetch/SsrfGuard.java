package dev.easel.gateway.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Decides which resolved addresses a provider URL must never reach: anything that is not a
 * public unicast address. A provider (or whoever tampers with its response) could otherwise
 * make the gateway fetch cloud metadata (169.254.169.254, fd00:ec2::254), admin ports on
 * loopback or services on the private network, and hand their answers back as an "image".
 */
final class SsrfGuard {

    private SsrfGuard() {
    }

    /** Lower case, without IPv6 brackets or a trailing root dot ({@code localhost.} is {@code localhost}). */
    static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** True when the address is loopback, private, link-local, CGNAT, multicast, reserved or unspecified. */
    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return true; // unknown kind: refuse rather than guess
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff) {
            return true; // ff00::/8 multicast
        }
        if ((b0 & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local, includes fd00:ec2::254 (EC2 metadata over IPv6)
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return true; // fe80::/10 link-local
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return true; // fec0::/10 deprecated site-local
        }
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isInternalV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // ::ffff:a.b.c.d mapped
            }
            return true; // ::, ::1, deprecated ::a.b.c.d and ::ffff:0:a.b.c.d: nothing public lives here
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // 64:ff9b::/96 NAT64 well-known prefix carries an IPv4 address; 64:ff9b:1::/48 is local-use.
            return !allZero(b, 4, 12) || isInternalV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return isInternalV4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff); // 2002::/16 6to4 embeds IPv4
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return true; // 2001::/32 Teredo: tunnels to an obfuscated IPv4, not a media host
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return true; // 2001:db8::/32 documentation
        }
        return false;
    }

    private static boolean isInternalV4(int a, int b, int c) {
        return a == 0                                  // 0.0.0.0/8 "this network", includes 0.0.0.0
                || a == 10                             // 10/8 private
                || a == 127                            // 127/8 loopback
                || (a == 100 && (b & 0xc0) == 64)      // 100.64/10 CGNAT
                || (a == 169 && b == 254)              // 169.254/16 link-local, cloud metadata
                || (a == 172 && (b & 0xf0) == 16)      // 172.16/12 private
                || (a == 192 && b == 168)              // 192.168/16 private
                || (a == 192 && b == 0 && c == 0)      // 192.0.0/24 IETF protocol assignments
                || (a == 192 && b == 0 && c == 2)      // TEST-NET-1
                || (a == 198 && (b & 0xfe) == 18)      // 198.18/15 benchmarking
                || (a == 198 && b == 51 && c == 100)   // TEST-NET-2
                || (a == 203 && b == 0 && c == 113)    // TEST-NET-3
                || a >= 224;                           // 224/4 multicast, 240/4 reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
