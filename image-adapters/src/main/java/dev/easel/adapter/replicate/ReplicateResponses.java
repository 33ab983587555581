package dev.easel.adapter.replicate;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure reading of Replicate predictions and problem-details errors. */
final class ReplicateResponses {

    private static final Pattern THROTTLED = Pattern.compile("available in (\\d+) seconds?", Pattern.CASE_INSENSITIVE);

    private ReplicateResponses() {
    }

    /** The prediction's poll and cancel URLs; null URLs when Replicate left them out. */
    static ReplicatePrediction urls(JsonObject prediction) {
        JsonObject urls = prediction.getValue("urls") instanceof JsonObject o ? o : new JsonObject();
        return new ReplicatePrediction(prediction.getString("id"), urls.getString("get"), urls.getString("cancel"));
    }

    /** Where one prediction stands: still running, its images, or how it ended badly. */
    static PollStep<AdapterResult> prediction(JsonObject prediction, int httpStatus, String provider) {
        String status = prediction.getString("status", "");
        switch (status) {
            case "succeeded":
                return succeeded(prediction, httpStatus, provider);
            case "failed": {
                String error = prediction.getValue("error") == null ? "" : String.valueOf(prediction.getValue("error"));
                if (isModeration(error)) {
                    return PollStep.failed(new ProviderException(ErrorKind.CONTENT_POLICY, provider, httpStatus,
                            provider + ": the model's safety checker flagged the output (NSFW)"));
                }
                // The model itself failed: often transient (OOM, cold start), so retryable.
                return PollStep.failed(new ProviderException(ErrorKind.UNAVAILABLE, provider, httpStatus,
                        provider + ": the prediction failed (model error)"));
            }
            case "canceled":
            case "aborted":
                // Only Easel cancels its predictions (on deadline/abandon, or Replicate's
                // Cancel-After at the same deadline): "aborted" = never started in time.
                return PollStep.failed(new ProviderException(ErrorKind.TIMEOUT, provider, httpStatus,
                        provider + ": the prediction was " + status + " before it finished"));
            default:
                return PollStep.pending(); // starting, processing, or a status newer than this code
        }
    }

    private static PollStep<AdapterResult> succeeded(JsonObject prediction, int httpStatus, String provider) {
        Object output = prediction.getValue("output");
        List<GeneratedImage> images = new ArrayList<>();
        if (output instanceof String url) {
            addImage(url, images);
        } else if (output instanceof JsonArray array) {
            for (Object item : array) {
                if (item instanceof String url) {
                    addImage(url, images);
                }
            }
        }
        if (images.isEmpty()) {
            return PollStep.failed(new ProviderException(ErrorKind.NO_IMAGE, provider, httpStatus,
                    provider + ": the prediction succeeded without an image"
                            + (prediction.getBoolean("data_removed", false) ? " (data_removed)" : "")));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (prediction.getString("id") != null) {
            metadata.put("upstream_id", prediction.getString("id"));
        }
        return PollStep.completed(new AdapterResult(images, List.<Warning>of(), Map.of(), metadata));
    }

    /** Maps a problem-details error answer. */
    static ProviderException error(int status, MultiMap headers, Buffer body, Clock clock, String provider) {
        JsonObject json = JsonBodies.object(body);
        String title = json == null ? null : json.getString("title");
        String detail = json == null || !(json.getValue("detail") instanceof String d) ? null : d;
        ErrorKind kind = StatusKinds.of(status); // 401 AUTH, 402 QUOTA, 422 INVALID_REQUEST, 429, 5xx
        Duration retryAfter = null;
        if (kind == ErrorKind.RATE_LIMITED) {
            retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock);
            if (retryAfter == null && detail != null) {
                Matcher m = THROTTLED.matcher(detail);
                retryAfter = m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
            }
        }
        StringBuilder message = new StringBuilder(provider).append(": HTTP ").append(status);
        if (title != null && title.length() <= 80 && !title.contains("\n")) {
            message.append(" (").append(title).append(')'); // Replicate's short, fixed problem title
        }
        Set<String> fields = new LinkedHashSet<>();
        if (json != null && json.getValue("invalid_fields") instanceof JsonArray invalid) {
            for (Object item : invalid) {
                String field = item instanceof JsonObject o ? SafeText.token(o.getString("field")) : null;
                if (field != null) {
                    fields.add(field);
                }
            }
        }
        if (!fields.isEmpty()) {
            message.append(" fields: ").append(String.join(", ", fields));
        }
        return new ProviderException(kind, provider, status, message.toString(), retryAfter, null);
    }

    private static boolean isModeration(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("nsfw") || e.contains("flagged as sensitive");
    }

    private static void addImage(String url, List<GeneratedImage> images) {
        if (!url.isBlank()) {
            images.add(new GeneratedImage.Url(url, mediaType(url), null));
        }
    }

    /** Replicate says nothing about the type; the file name usually does (the pipeline sniffs anyway). */
    static String mediaType(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        return null;
    }
}
