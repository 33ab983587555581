package dev.easel.gateway.catalog;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${VAR}} and {@code ${VAR:-default}} in catalog values, read from the environment. */
final class Interpolation {

    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private Interpolation() {
    }

    /**
     * Replaces every reference; an unset variable without a default is an error naming it.
     * An empty value counts as unset for {@code :-}, as in the shell.
     */
    static String apply(String value, Function<String, String> env, String path) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = env.apply(name);
            if (v == null || v.isEmpty()) {
                if (m.group(2) == null) {
                    throw new CatalogException(path + ": environment variable " + name
                            + " is not set (write ${" + name + ":-} to make it optional)");
                }
                v = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The first variable a value refers to, e.g. {@code FAL_KEY} in {@code ${FAL_KEY:-}}, or null. */
    static String firstVariable(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = REF.matcher(value);
        return m.find() ? m.group(1) : null;
    }
}
