package dev.easel.adapter.openai;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAI's {@code ImagesResponse} and its error envelope. Pure: the adapter hands in
 * status, body and the parsed Retry-After.
 */
final class OpenAiResponseMapper {

    private OpenAiResponseMapper() {
    }

    static AdapterResult result(String providerId, String body, String defaultMediaType, List<Warning> warnings) {
        JsonObject json = JsonBodies.object(body);
        if (json == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, providerId, 200,
                    providerId + " answered 200 with a body that is not an ImagesResponse");
        }
        String format = json.getString("output_format");
        String mediaType = format == null ? defaultMediaType : "image/" + format;
        JsonArray data = json.getJsonArray("data");
        List<GeneratedImage> images = new ArrayList<>();
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                if (!(data.getValue(i) instanceof JsonObject item)) {
                    continue;
                }
                String revised = item.getString("revised_prompt");
                String b64 = item.getString("b64_json");
                String url = item.getString("url");
                if (b64 != null) {
                    images.add(new GeneratedImage.Bytes(Base64Images.decode(providerId, b64, "b64_json"), mediaType, revised));
                } else if (url != null) {
                    // URLs come from dall-e only, always PNG; the pipeline sniffs anyway.
                    images.add(new GeneratedImage.Url(url, null, revised));
                }
            }
        }
        if (images.isEmpty()) {
            throw new ProviderException(ErrorKind.NO_IMAGE, providerId, 200,
                    providerId + " answered without any image");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : List.of("created", "output_format", "size", "quality", "background")) {
            Object value = json.getValue(key);
            if (value instanceof String || value instanceof Number) {
                metadata.put(key, value);
            }
        }
        JsonObject usage = json.getJsonObject("usage");
        return new AdapterResult(images, warnings, usage == null ? Map.of() : JsonBodies.withoutNulls(usage), metadata);
    }

    /**
     * Classifies a non-2xx answer. OpenAI's {@code code} distinguishes what the status alone
     * cannot: a moderation refusal from a bad field, and an empty wallet from a busy minute.
     */
    static ProviderException error(String providerId, int status, String body, Duration retryAfter) {
        JsonObject json = JsonBodies.object(body);
        JsonObject error = json == null ? null : json.getValue("error") instanceof JsonObject e ? e : null;
        String code = error == null ? null : SafeText.token(error.getValue("code"));
        String type = error == null ? null : SafeText.token(error.getValue("type"));
        String param = error == null ? null : SafeText.token(error.getValue("param"));

        ErrorKind kind;
        if ("moderation_blocked".equals(code) || "content_policy_violation".equals(code)) {
            kind = ErrorKind.CONTENT_POLICY;
        } else if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            // An empty wallet does not refill in Retry-After seconds: not a rate limit.
            kind = ErrorKind.QUOTA;
        } else if (status == 401 || "invalid_api_key".equals(code)) {
            kind = ErrorKind.AUTH;
        } else if (status == 429) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (status == 400) {
            kind = ErrorKind.INVALID_REQUEST;
        } else if (status >= 500) {
            kind = ErrorKind.UNAVAILABLE;
        } else {
            kind = StatusKinds.of(status);
        }
        return new ProviderException(kind, providerId, status,
                Refusals.message(providerId, status, "code", code, "type", type, "param", param),
                RetryAfter.relevant(kind, retryAfter), null);
    }
}
