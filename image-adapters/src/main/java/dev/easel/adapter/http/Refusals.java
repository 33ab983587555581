package dev.easel.adapter.http;

/**
 * The message of an upstream refusal: the status and the identifiers the provider's error
 * body gave, each already passed through {@link SafeText}, never its free text.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * {@code "<provider> refused the request (HTTP <status>, <label> <value>, ...)"}, leaving
     * out every pair whose value is null.
     *
     * @param labelsAndValues label, value, label, value, ...
     */
    public static String message(String provider, int status, String... labelsAndValues) {
        if (labelsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels and values must come in pairs");
        }
        StringBuilder text = new StringBuilder(provider).append(" refused the request (HTTP ").append(status);
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (labelsAndValues[i + 1] != null) {
                text.append(", ").append(labelsAndValues[i]).append(' ').append(labelsAndValues[i + 1]);
            }
        }
        return text.append(')').toString();
    }
}
