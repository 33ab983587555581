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

    /** Classifies a non-2xx answer by its status and its error envelope. */
    static ProviderException error(String providerId, int status, String body, Duration retryAfter) {
        JsonObject json = JsonBodies.object(body);
        JsonObject error = json == null ? null : json.getValue("error") instanceof JsonObject e ? e : null;
        String code = error == null ? null : SafeText.token(error.getValue("code"));
        String type = error == null ? null : SafeText.token(error.getValue("type"));
        String param = error == null ? null : SafeText.token(error.getValue("param"));
        ErrorKind kind = kind(status, code, type);
        return new ProviderException(kind, providerId, status,
                Refusals.message(providerId, status, "code", code, "type", type, "param", param),
                RetryAfter.relevant(kind, retryAfter), null);
    }

    /**
     * An {@code error} inside a {@code 200} event stream (provider-edits.md section 2): the
     * same {@code {message, type, param, code}} as a JSON error, classified as that error
     * would be with the status OpenAI gives its type, so a moderation refusal mid-stream is
     * still a refusal (no failover) and a server error still fails over.
     */
    static ProviderException streamError(String providerId, Object errorValue) {
        JsonObject error = errorValue instanceof JsonObject e ? e : null;
        String code = error == null ? null : SafeText.token(error.getValue("code"));
        String type = error == null ? null : SafeText.token(error.getValue("type"));
        String param = error == null ? null : SafeText.token(error.getValue("param"));
        ErrorKind kind = kind(statusOf(code, type), code, type);
        StringBuilder message = new StringBuilder(providerId).append(" sent an error event in its image stream");
        String separator = " (";
        for (String[] pair : new String[][] {{"code", code}, {"type", type}, {"param", param}}) {
            if (pair[1] != null) {
                message.append(separator).append(pair[0]).append(' ').append(pair[1]);
                separator = ", ";
            }
        }
        if (separator.equals(", ")) {
            message.append(')');
        }
        return new ProviderException(kind, providerId, 200, message.toString(), null, null);
    }

    /**
     * Classifies an error by status and OpenAI's {@code code}, which distinguishes what the
     * status alone cannot: a moderation refusal from a bad field, and an empty wallet from a
     * busy minute.
     */
    private static ErrorKind kind(int status, String code, String type) {
        if ("moderation_blocked".equals(code) || "content_policy_violation".equals(code)) {
            return ErrorKind.CONTENT_POLICY;
        }
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            // An empty wallet does not refill in Retry-After seconds: not a rate limit.
            return ErrorKind.QUOTA;
        }
        if (status == 401 || "invalid_api_key".equals(code)) {
            return ErrorKind.AUTH;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 400) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (status >= 500) {
            return ErrorKind.UNAVAILABLE;
        }
        return StatusKinds.of(status);
    }

    /** The status OpenAI answers an error of this type with outside a stream; 502 for one it never names. */
    private static int statusOf(String code, String type) {
        if ("rate_limit_exceeded".equals(code) || "requests".equals(type) || "tokens".equals(type)
                || "rate_limit_error".equals(type)) {
            return 429;
        }
        if ("invalid_request_error".equals(type) || "image_generation_user_error".equals(type)) {
            return 400;
        }
        if ("server_error".equals(type) || "server_error".equals(code)) {
            return 500;
        }
        return 502;
    }
}
