package dev.easel.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.easel.adapter.size.SizeStyle;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@code size:} block that does not bind into a sentence an operator can act on:
 * the key path inside the block and what was expected, never Jackson's own text (which
 * names Java classes and internal types).
 */
final class SizeStyleErrors {

    /** The catalog's style names, from {@link SizeStyle}'s own type table. */
    static final List<String> STYLES = Arrays.stream(SizeStyle.class.getAnnotation(JsonSubTypes.class).value())
            .map(JsonSubTypes.Type::name).sorted().toList();

    private SizeStyleErrors() {
    }

    /** Refuses a missing or unknown {@code style} before binding, with the list of styles. */
    static void checkStyle(JsonNode size) {
        JsonNode style = size.get("style");
        if (style == null || !style.isTextual()) {
            throw new IllegalArgumentException(".style: missing, expected one of " + STYLES);
        }
        if (!STYLES.contains(style.asText())) {
            throw new IllegalArgumentException(".style: unknown style '" + style.asText() + "', expected one of " + STYLES);
        }
    }

    /** The suffix after {@code models.x.routes[i].size}: {@code .key: what is wrong}. */
    static String describe(IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(".")) {
            return e.getMessage();
        }
        Throwable cause = e.getCause() instanceof JsonMappingException ? e.getCause() : e;
        if (cause instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : ", expected one of "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
            return path(u) + ": unknown key" + known;
        }
        if (cause instanceof ValueInstantiationException v && v.getCause() instanceof NullPointerException npe
                && npe.getMessage() != null && npe.getMessage().matches("[a-z_]+")) {
            return path(v) + "." + npe.getMessage() + ": missing";
        }
        if (cause instanceof ValueInstantiationException v && v.getCause() != null && v.getCause().getMessage() != null) {
            return path(v) + ": " + v.getCause().getMessage();
        }
        if (cause instanceof InvalidFormatException f) {
            return path(f) + ": expected " + expected(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (cause instanceof MismatchedInputException m) {
            return path(m) + ": expected " + expected(m.getTargetType());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Anything else thrown by a style's own checks is already written for operators.
        return root instanceof JsonMappingException ? ": not a valid size block" : ": " + root.getMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        if (type.getSimpleName().equals("Dim")) {
            return "a size like 1024x1024";
        }
        return "a " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}
