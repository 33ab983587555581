package dev.easel.adapter.fal;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.JsonBodies;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.SafeText;
import dev.easel.adapter.http.StatusKinds;
import dev.easel.adapter.poll.PollStep;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Pure reading of fal queue answers: submit, status, result and errors. */
final class FalResponses {


    private FalResponses() {
    }

    /** The job URLs from a 2xx submit answer. */
    static FalJobUrls submitted(Buffer body, String provider) {
        JsonObject json = JsonBodies.object(body);
        String statusUrl = json == null ? null : json.getString("status_url");
        String responseUrl = json == null ? null : json.getString("response_url");
        if (statusUrl == null || responseUrl == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, provider, 200,
                    provider + ": the queue accepted the request but returned no status_url/response_url");
        }
        return new FalJobUrls(json.getString("request_id"), statusUrl, responseUrl, json.getString("cancel_url"));
    }

    /**
     * Reads a status answer: true once COMPLETED (202 while IN_QUEUE or IN_PROGRESS, 200
     * when done); throws the mapped error for any non-2xx.
     */
    static boolean completed(int status, MultiMap headers, Buffer body, Clock clock, String provider) {
        if (status != 200 && status != 202) {
            throw error(status, headers, body, clock, provider);
        }
        JsonObject json = JsonBodies.object(body);
        String state = json == null ? null : json.getString("status");
        // Some proxies drop the body; the status code alone still says "done".
        return "COMPLETED".equals(state) || (state == null && status == 200);
    }

    /** Reads the result answer: images, a moderation refusal or the model's error. */
    static PollStep<AdapterResult> result(int status, MultiMap headers, Buffer body, Clock clock, String provider) {
        JsonObject json = JsonBodies.object(body);
        if (status < 200 || status > 299) {
            if (status != 422 && json != null && json.getValue("detail") instanceof String detail
                    && detail.toLowerCase(Locale.ROOT).contains("still in progress")) {
                return PollStep.pending(); // the status said COMPLETED a moment early
            }
            return PollStep.failed(error(status, headers, body, clock, provider));
        }
        if (json == null) {
            return PollStep.failed(new ProviderException(ErrorKind.UPSTREAM, provider, status,
                    provider + ": the result was not a JSON object"));
        }
        if (flagged(json.getValue("has_nsfw_concepts")) || flagged(json.getValue("nsfw_content_detected"))) {
            // fal returns flagged images blacked out rather than failing: never deliver those.
            return PollStep.failed(new ProviderException(ErrorKind.CONTENT_POLICY, provider, status,
                    provider + ": the safety checker flagged the generated image (has_nsfw_concepts)"));
        }
        List<GeneratedImage> images = new ArrayList<>();
        JsonArray array = json.getValue("images") instanceof JsonArray a ? a : null;
        if (array != null) {
            for (Object item : array) {
                addImage(item, images);
            }
        } else {
            addImage(json.getValue("image"), images);
        }
        if (images.isEmpty()) {
            return PollStep.failed(new ProviderException(ErrorKind.NO_IMAGE, provider, status,
                    provider + ": the result held no image"));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (json.getValue("seed") instanceof Number seed) {
            metadata.put("seed", seed.longValue());
        }
        return PollStep.completed(new AdapterResult(images, List.<Warning>of(), Map.of(), metadata));
    }

    /** Maps an error answer (queue, model or infrastructure) to Easel's kinds. */
    static ProviderException error(int status, MultiMap headers, Buffer body, Clock clock, String provider) {
        JsonObject json = JsonBodies.object(body);
        Object detail = json == null ? null : json.getValue("detail");
        Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock);
        ErrorKind kind;
        String what;
        if (detail instanceof JsonArray items) {
            Set<String> types = new LinkedHashSet<>();
            String where = null;
            for (Object item : items) {
                if (item instanceof JsonObject o) {
                    String type = SafeText.token(o.getString("type"));
                    if (type != null) {
                        types.add(type);
                    }
                    if (where == null && o.getValue("loc") instanceof JsonArray loc) {
                        where = SafeText.token(String.join(".", loc.stream().map(String::valueOf).toList()));
                    }
                }
            }
            if (types.contains("content_policy_violation")) {
                kind = ErrorKind.CONTENT_POLICY;
                what = "the content checker refused the request (content_policy_violation)";
            } else {
                kind = status == 429 || status >= 500 ? StatusKinds.of(status) : ErrorKind.INVALID_REQUEST;
                what = "the model rejected the input" + (types.isEmpty() ? "" : " (" + String.join(", ", types)
                        + (where == null ? "" : " at " + where) + ")");
            }
        } else {
            String errorType = SafeText.token(headers.get("X-Fal-Error-Type"));
            if (errorType == null && json != null) {
                errorType = SafeText.token(json.getString("error_type"));
            }
            kind = kindOf(status, detail instanceof String s ? s : null);
            what = "HTTP " + status + (errorType == null ? "" : " (" + errorType + ")");
        }
        kind = honourRetryable(kind, headers.get("X-Fal-Retryable"));
        return new ProviderException(kind, provider, status, provider + ": " + what,
                kind == ErrorKind.RATE_LIMITED ? retryAfter : null, null);
    }

    private static ErrorKind kindOf(int status, String detail) {
        if (status == 403 && detail != null && detail.toLowerCase(Locale.ROOT).contains("exhausted balance")) {
            return ErrorKind.QUOTA;
        }
        if (status == 499) {
            return ErrorKind.UNAVAILABLE; // client_disconnected / client_cancelled: the runner lost us
        }
        return StatusKinds.of(status); // 504 TIMEOUT, 500/502/503 UNAVAILABLE, 401/403 AUTH, 429, 400/422
    }

    /**
     * fal's X-Fal-Retryable overrides the status: a "retryable" validation-looking error is
     * an infrastructure hiccup, and a transient-looking error marked not retryable is kept
     * from being retried as-is (the gateway may still fail over to another provider).
     */
    private static ErrorKind honourRetryable(ErrorKind kind, String retryable) {
        if ("true".equalsIgnoreCase(retryable) && kind == ErrorKind.INVALID_REQUEST) {
            return ErrorKind.UNAVAILABLE;
        }
        if ("false".equalsIgnoreCase(retryable)
                && (kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.TIMEOUT || kind == ErrorKind.RATE_LIMITED)) {
            return ErrorKind.UPSTREAM;
        }
        return kind;
    }

    private static void addImage(Object item, List<GeneratedImage> images) {
        if (item instanceof JsonObject o && o.getString("url") != null && !o.getString("url").isBlank()) {
            images.add(new GeneratedImage.Url(o.getString("url"), o.getString("content_type"), null));
        }
    }

    private static boolean flagged(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof JsonArray array) {
            for (Object v : array) {
                if (Boolean.TRUE.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
