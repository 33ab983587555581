package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.PartialImage;
import dev.easel.adapter.PartialImages;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.Base64Images;
import dev.easel.adapter.http.JsonBodies;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One streamed images answer read event by event (provider-edits.md section 2): each
 * {@code *.partial_image} goes to the caller's previews as it comes, each {@code *.completed}
 * is kept as an image, an event carrying {@code error} fails the call, and the end of the
 * stream is checked for one completed event per image asked. OpenAI's events name no image:
 * with {@code n > 1} each image's partials come before its completed event, so the count of
 * completed events so far is the index of the image being previewed.
 *
 * <p>Decodes base64 and parses JSON: call it on the worker pool, one event at a time, in order.
 */
final class OpenAiStreamedAnswer {

    private static final List<String> METADATA = List.of("output_format", "size", "quality", "background");
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "webp");

    private final String providerId;
    private final int n;
    private final PartialImages partials;
    private final String defaultMediaType;
    private final List<Warning> warnings;
    private final List<GeneratedImage> images = new ArrayList<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private Map<String, Object> usage = Map.of();
    private int previewsOfCurrent;

    /**
     * @param n                how many completed images the call asked for
     * @param partials         where previews go, and how many per image at most
     * @param defaultMediaType the format asked upstream, for events that do not say theirs
     * @param warnings         the request mapper's warnings, kept in the result
     */
    OpenAiStreamedAnswer(String providerId, int n, PartialImages partials, String defaultMediaType,
                         List<Warning> warnings) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.n = n;
        this.partials = Objects.requireNonNull(partials, "partials");
        this.defaultMediaType = Objects.requireNonNull(defaultMediaType, "defaultMediaType");
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads one event.
     *
     * @throws ProviderException for an error event, a completed event without a base64 image,
     *                           or an event whose data is not a JSON object
     */
    void accept(OpenAiEventStreamParser.Event event) {
        if (event.data().length() <= 16 && event.text().trim().equals("[DONE]")) {
            // Not OpenAI's own (the stream just ends), but some proxies add it; openai-node skips it too.
            return;
        }
        JsonObject json = object(event);
        Object error = json.getValue("error");
        if (error != null || event.type().equals("error") || "error".equals(json.getValue("type"))) {
            throw OpenAiResponseMapper.streamError(providerId, error);
        }
        String type = json.getValue("type") instanceof String t ? t : event.type();
        if (type.endsWith(".partial_image")) {
            partial(json);
        } else if (type.endsWith(".completed")) {
            completed(json);
        }
        // Any other event is one this reader predates: skipped, as SSE clients skip unknown events.
    }

    /**
     * The completed images as the answer of the call.
     *
     * @throws ProviderException (UPSTREAM, so another route is tried) when the stream ended
     *                           before a completed event for every image asked
     */
    AdapterResult finish() {
        if (images.size() < n) {
            throw new ProviderException(ErrorKind.UPSTREAM, providerId, 200, providerId
                    + " ended its image stream after " + images.size() + " of " + n + " completed images");
        }
        return new AdapterResult(images, warnings, usage, metadata);
    }

    private void partial(JsonObject json) {
        int imageIndex = images.size();
        if (imageIndex >= n || previewsOfCurrent >= partials.count() || !(json.getValue("b64_json") instanceof String b64)) {
            // Fewer previews than asked are legal, more are not: extra ones are dropped, not passed on.
            return;
        }
        int rank = json.getValue("partial_image_index") instanceof Number i && i.intValue() >= 0
                ? i.intValue() : previewsOfCurrent;
        previewsOfCurrent++;
        byte[] data;
        try {
            data = Base64Images.decode(providerId, b64, "partial b64_json");
        } catch (ProviderException notBase64) {
            data = new byte[0];
        }
        if (data.length == 0) {
            // A preview is a courtesy: a broken one is skipped, the image itself still counts.
            return;
        }
        partials.sink().accept(new PartialImage(imageIndex, rank, data, mediaType(json)));
    }

    private void completed(JsonObject json) {
        if (!(json.getValue("b64_json") instanceof String b64)) {
            throw new ProviderException(ErrorKind.NO_IMAGE, providerId, 200,
                    providerId + " sent a completed event without b64_json");
        }
        if (images.size() >= n) {
            return;
        }
        byte[] data = Base64Images.decode(providerId, b64, "b64_json");
        if (data.length == 0) {
            throw new ProviderException(ErrorKind.INVALID_IMAGE, providerId, 200,
                    providerId + " sent a completed event with an empty image");
        }
        images.add(new GeneratedImage.Bytes(data, mediaType(json), null));
        previewsOfCurrent = 0;
        if (metadata.isEmpty()) {
            if (json.getValue("created_at") instanceof Number created) {
                metadata.put("created", created);
            }
            for (String key : METADATA) {
                Object value = json.getValue(key);
                if (value instanceof String || value instanceof Number) {
                    metadata.put(key, value);
                }
            }
        }
        if (json.getValue("usage") instanceof JsonObject more) {
            // Each completed event reports its own image; the call's usage is their sum.
            usage = sum(usage, JsonBodies.withoutNulls(more));
        }
    }

    private String mediaType(JsonObject json) {
        return json.getValue("output_format") instanceof String format && FORMATS.contains(format)
                ? "image/" + format : defaultMediaType;
    }

    private JsonObject object(OpenAiEventStreamParser.Event event) {
        try {
            return new JsonObject(event.data());
        } catch (DecodeException | ClassCastException e) {
            throw new ProviderException(ErrorKind.UPSTREAM, providerId, 200,
                    providerId + " sent a " + safe(event.type()) + " event whose data is not a JSON object");
        }
    }

    /** Event names come from upstream: only a short plain word reaches a message. */
    private static String safe(String type) {
        return type.matches("[A-Za-z0-9_.\\-]{1,64}") ? "'" + type + "'" : "stream";
    }

    /** Numbers added, nested objects summed key by key, anything else kept as first seen. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sum(Map<String, Object> into, Map<String, Object> more) {
        Map<String, Object> out = new LinkedHashMap<>(into);
        more.forEach((key, value) -> {
            Object had = out.get(key);
            if (had == null) {
                out.put(key, value);
            } else if (had instanceof Number a && value instanceof Number b) {
                out.put(key, a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float
                        ? (Object) (a.doubleValue() + b.doubleValue()) : (Object) (a.longValue() + b.longValue()));
            } else if (had instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                out.put(key, sum((Map<String, Object>) a, (Map<String, Object>) b));
            }
        });
        return out;
    }
}
