package dev.easel.gateway.api;

/**
 * Checks on a string field before any other work: its length in code points (what a person
 * counts, and what a UTF-16 length overstates for emoji), and characters no request needs:
 * C0/C1 control characters (tab, newline and carriage return allowed in free text only) and
 * unpaired surrogates, which cannot be encoded in UTF-8 for any provider.
 */
final class TextField {

    private TextField() {
    }

    /** Returns {@code value} or throws a 400 naming {@code field}. */
    static String check(String field, String value, int maxCodePoints, boolean freeText) {
        // Cheap bound first: more UTF-16 units than twice the cap is over the cap whatever they are.
        if (value.length() > 2L * maxCodePoints || value.codePointCount(0, value.length()) > maxCodePoints) {
            throw ApiErrors.invalid(field, "'" + field + "' is longer than " + maxCodePoints + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw ApiErrors.invalid(field, "'" + field + "' contains an unpaired UTF-16 surrogate.");
            }
            boolean allowedWhitespace = freeText && (c == '\t' || c == '\n' || c == '\r');
            if ((c < 0x20 && !allowedWhitespace) || (c >= 0x7f && c <= 0x9f)) {
                throw ApiErrors.invalid(field, "'" + field + "' contains a control character (U+"
                        + String.format("%04X", (int) c) + ").");
            }
        }
        return value;
    }

    /** True when some character would show: not whitespace, not an invisible format character (zero-width space, BOM, ...). */
    static boolean hasVisibleText(String value) {
        return value.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT && !Character.isISOControl(cp));
    }
}
