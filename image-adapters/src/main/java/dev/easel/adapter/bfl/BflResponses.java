package dev.easel.adapter.bfl;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure reading of BFL answers: submit, get_result and errors. */
final class BflResponses {


    private BflResponses() {
    }

    /**
     * The task from a 2xx submit. Older API versions return only the id; its polling URL is
     * then the documented {@code {base}/get_result?id=}.
     */
    static BflTask submitted(Buffer body, String baseUrl, String provider) {
        JsonObject json = JsonBodies.object(body);
        String id = json == null ? null : json.getString("id");
        String pollingUrl = json == null ? null : json.getString("polling_url");
        if (pollingUrl == null && id != null) {
            pollingUrl = baseUrl + "/get_result?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        }
        if (pollingUrl == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, provider, 200,
                    provider + ": the task was accepted without an id or polling_url");
        }
        return new BflTask(id, pollingUrl);
    }

    /** Where a task stands, from a 2xx get_result answer. */
    static PollStep<AdapterResult> poll(Buffer body, int httpStatus, String mediaType, String provider) {
        JsonObject json = JsonBodies.object(body);
        if (json == null) {
            return PollStep.failed(new ProviderException(ErrorKind.UPSTREAM, provider, httpStatus,
                    provider + ": the task status was not a JSON object"));
        }
        String status = json.getString("status", json.getString("state", ""));
        switch (status) {
            case "Ready": {
                JsonObject result = json.getValue("result") instanceof JsonObject r ? r : new JsonObject();
                String sample = result.getValue("sample") instanceof String s && !s.isBlank() ? s : null;
                if (sample == null) {
                    return PollStep.failed(new ProviderException(ErrorKind.NO_IMAGE, provider, httpStatus,
                            provider + ": the task was Ready without a sample"));
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                if (json.getString("id") != null) {
                    metadata.put("upstream_id", json.getString("id"));
                }
                if (result.getValue("seed") instanceof Number seed) {
                    metadata.put("seed", seed.longValue());
                }
                // The signed sample URL lives 10 minutes: the gateway fetches it right away.
                return PollStep.completed(new AdapterResult(List.of(new GeneratedImage.Url(sample, mediaType, null)),
                        List.<Warning>of(), Map.of(), metadata));
            }
            case "Request Moderated":
            case "Content Moderated":
                return PollStep.failed(new ProviderException(ErrorKind.CONTENT_POLICY, provider, httpStatus,
                        provider + ": the task was moderated (" + status + ")"));
            case "Error":
            case "Failed":
            case "Task not found":
                return PollStep.failed(new ProviderException(ErrorKind.UNAVAILABLE, provider, httpStatus,
                        provider + ": the task ended with status " + status));
            default:
                return PollStep.pending(); // Pending, or an in-progress status newer than this code
        }
    }

    /** Maps an error answer: 402 QUOTA, 401/403 AUTH, 422 INVALID_REQUEST, 429, 500/503. */
    static ProviderException error(int status, MultiMap headers, Buffer body, Clock clock, String provider) {
        JsonObject json = JsonBodies.object(body);
        ErrorKind kind = StatusKinds.of(status);
        StringBuilder message = new StringBuilder(provider).append(": HTTP ").append(status);
        if (json != null && json.getValue("detail") instanceof JsonArray detail) {
            Set<String> types = new LinkedHashSet<>();
            for (Object item : detail) {
                String type = item instanceof JsonObject o ? SafeText.token(o.getString("type")) : null;
                if (type != null) {
                    types.add(type);
                }
            }
            if (!types.isEmpty()) {
                message.append(" (").append(String.join(", ", types)).append(')');
            }
        }
        return new ProviderException(kind, provider, status, message.toString(),
                kind == ErrorKind.RATE_LIMITED ? RetryAfter.parse(headers.get("Retry-After"), clock) : null, null);
    }
}
