package dev.easel.gateway.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request body as strict JSON (RFC 8259): no comments, no duplicate keys, no trailing
 * content, nesting and number sizes bounded, the root an object. Vert.x's own decoder accepts
 * comments and keeps the last of two equal keys, so a body could mean one thing to Easel and
 * another to whoever logged or signed it.
 */
public final class StrictJson {

    /** Deeper than any real request; a bound so a hostile body cannot recurse the parser deep. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '([^']{1,64})'");

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The body as a JSON object, or a 400 {@code invalid_request} saying what is wrong (and naming a duplicated key). */
    public static JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiErrors.invalid(null, "The request body is empty; send a JSON object with at least 'prompt'.");
        }
        Object parsed;
        try {
            parsed = MAPPER.readValue(body, Object.class);
        } catch (StreamConstraintsException e) {
            throw ApiErrors.invalid(null, "The request body is not valid JSON: nested deeper than " + MAX_DEPTH
                    + " levels or a number longer than " + MAX_NUMBER_LENGTH + " digits.");
        } catch (JsonProcessingException e) {
            Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (dup.find()) {
                throw ApiErrors.invalid(dup.group(1), "The request body has the key '" + dup.group(1) + "' more than once.");
            }
            // Jackson's own message may quote the body (a prompt): say where, not what.
            throw ApiErrors.invalid(null, "The request body is not valid JSON" + where(e.getLocation())
                    + " (comments, trailing commas and single quotes are not JSON).");
        } catch (IOException e) {
            throw ApiErrors.invalid(null, "The request body is not valid JSON.");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiErrors.invalid(null, "The request body must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new JsonObject(fields);
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
