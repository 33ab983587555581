package dev.easel.adapter.stability;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.Base64Images;
import dev.easel.adapter.http.JsonBodies;
import dev.easel.adapter.http.Refusals;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.SafeText;
import dev.easel.adapter.http.StatusKinds;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads Stability's raw-bytes answer (with its headers) and its error JSON. Pure. */
final class StabilityResponseMapper {

    private StabilityResponseMapper() {
    }

    /** What the adapter read off a 200: headers and body. */
    record Answer(String contentType, String finishReason, String seed, String requestId, byte[] body) {
    }

    static AdapterResult result(String providerId, Answer answer, List<Warning> warnings) {
        String contentType = answer.contentType() == null ? "" : answer.contentType();
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] image = answer.body();
        String finishReason = answer.finishReason();
        String seed = answer.seed();
        if (mediaType.equals("application/json")) {
            // Accept: application/json shape, should an upstream or proxy ignore Accept: image/*.
            JsonObject json = JsonBodies.object(image);
            if (json == null || !(json.getValue("image") instanceof String b64)) {
                throw new ProviderException(ErrorKind.NO_IMAGE, providerId, 200, providerId + " answered JSON without an image");
            }
            image = Base64Images.decode(providerId, b64, "an image");
            finishReason = json.getValue("finish_reason") instanceof String f ? f : finishReason;
            seed = json.getValue("seed") != null ? String.valueOf(json.getValue("seed")) : seed;
            mediaType = contentType.contains("type=") ? contentType.substring(contentType.indexOf("type=") + 5).trim() : null;
        }
        if ("CONTENT_FILTERED".equalsIgnoreCase(finishReason)) {
            // The answer is a blurred placeholder: never deliver it as the user's image.
            throw new ProviderException(ErrorKind.CONTENT_POLICY, providerId, 200,
                    providerId + " filtered the image (finish-reason CONTENT_FILTERED)");
        }
        if (image == null || image.length == 0) {
            throw new ProviderException(ErrorKind.NO_IMAGE, providerId, 200, providerId + " answered without an image");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (seed != null) {
            try {
                metadata.put("seed", Long.parseLong(seed.trim()));
            } catch (NumberFormatException notNumber) {
                // A seed Easel cannot read is not worth failing a paid image over.
            }
        }
        // Request ids run longer than error codes.
        if (SafeText.token(answer.requestId(), 128) != null) {
            metadata.put("upstream_id", answer.requestId());
        }
        String claimed = mediaType == null || !mediaType.startsWith("image/") ? null : mediaType;
        return new AdapterResult(List.of(new GeneratedImage.Bytes(image, claimed, null)), warnings, Map.of(), metadata);
    }

    /** Classifies {@code {"id", "name", "errors": [...]}}; only {@code name} and {@code id} are repeated. */
    static ProviderException error(String providerId, int status, byte[] body, Duration retryAfter) {
        JsonObject json = JsonBodies.object(body);
        String name = json == null ? null : SafeText.token(json.getValue("name"));
        String id = json == null ? null : SafeText.token(json.getValue("id"));
        ErrorKind kind;
        if (status == 403 && "content_moderation".equals(name)) {
            kind = ErrorKind.CONTENT_POLICY;
        } else if (status >= 500) {
            kind = ErrorKind.UNAVAILABLE;
        } else {
            // 400/413/422 invalid, 401 auth, 402 credits, 429 rate limit: the defaults fit.
            kind = StatusKinds.of(status);
        }
        return new ProviderException(kind, providerId, status,
                Refusals.message(providerId, status, "name", name, "id", id),
                RetryAfter.relevant(kind, retryAfter), null);
    }
}
