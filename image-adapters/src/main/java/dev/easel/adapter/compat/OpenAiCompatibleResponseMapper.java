package dev.easel.adapter.compat;

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

/** Reads {@code data[].b64_json|url} and OpenAI-like error envelopes. Pure. */
final class OpenAiCompatibleResponseMapper {

    private OpenAiCompatibleResponseMapper() {
    }

    static AdapterResult result(String providerId, String body, String mediaType, List<Warning> warnings) {
        JsonObject json = JsonBodies.object(body);
        JsonArray data = json == null ? null : json.getValue("data") instanceof JsonArray a ? a : null;
        if (data == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, providerId, 200,
                    providerId + " answered 200 without a data array");
        }
        List<GeneratedImage> images = new ArrayList<>();
        int blocked = 0;
        for (Object value : data) {
            if (!(value instanceof JsonObject item)) {
                continue;
            }
            // xAI marks an image its moderation withheld with respect_moderation: false.
            if (Boolean.FALSE.equals(item.getValue("respect_moderation"))) {
                blocked++;
                continue;
            }
            String revised = item.getValue("revised_prompt") instanceof String s ? s : null;
            if (item.getValue("b64_json") instanceof String b64) {
                images.add(new GeneratedImage.Bytes(Base64Images.decode(providerId, b64, "b64_json"), mediaType, revised));
            } else if (item.getValue("url") instanceof String url) {
                images.add(new GeneratedImage.Url(url, null, revised));
            }
        }
        if (images.isEmpty()) {
            throw blocked > 0
                    ? new ProviderException(ErrorKind.CONTENT_POLICY, providerId, 200,
                            providerId + " withheld the image (respect_moderation false)")
                    : new ProviderException(ErrorKind.NO_IMAGE, providerId, 200,
                            providerId + " answered without any image");
        }
        List<Warning> all = new ArrayList<>(warnings);
        if (blocked > 0) {
            // Failing the whole call would throw away images already paid for.
            all.add(new Warning("content_filtered", null,
                    blocked + " image(s) were withheld by " + providerId + " moderation"));
        }
        Map<String, Object> usage = json.getValue("usage") instanceof JsonObject u ? JsonBodies.withoutNulls(u) : Map.of();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (json.getValue("id") instanceof String id) {
            metadata.put("upstream_id", id);
        }
        return new AdapterResult(images, all, usage, metadata);
    }

    /**
     * OpenAI's envelope when the upstream speaks it ({@code {"error": {code, type}}}); some
     * upstreams put a string in {@code error} and the code beside it; else the status alone.
     */
    static ProviderException error(String providerId, int status, String body, Duration retryAfter) {
        JsonObject json = JsonBodies.object(body);
        String code = null;
        String type = null;
        if (json != null) {
            if (json.getValue("error") instanceof JsonObject error) {
                code = SafeText.token(error.getValue("code"));
                type = SafeText.token(error.getValue("type"));
            } else {
                code = SafeText.token(json.getValue("code"));
            }
        }
        ErrorKind kind;
        if ("content_policy_violation".equals(code) || "moderation_blocked".equals(code)) {
            kind = ErrorKind.CONTENT_POLICY;
        } else if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
            kind = ErrorKind.QUOTA;
        } else if ("invalid_api_key".equals(code)) {
            kind = ErrorKind.AUTH;
        } else {
            kind = StatusKinds.of(status);
        }
        return new ProviderException(kind, providerId, status,
                Refusals.message(providerId, status, "code", code, "type", type),
                RetryAfter.relevant(kind, retryAfter), null);
    }
}
