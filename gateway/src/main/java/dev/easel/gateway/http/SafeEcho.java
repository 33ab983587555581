package dev.easel.gateway.http;

/** A caller's value quoted back in an error message: printable ASCII only, at most 64 characters. */
final class SafeEcho {

    private static final int MAX = 64;

    private SafeEcho() {
    }

    static String of(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX + 3));
        for (int i = 0; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > MAX ? out + "..." : out.toString();
    }
}
