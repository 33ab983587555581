package dev.easel.adapter.gemini;

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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code generateContent} answers. Gemini reports refusals inside a 200, so the
 * success path classifies as much as the error path does. Pure.
 */
final class GeminiResponseMapper {

    /** finishReason values that mean "refused", from the genai SDK's enum. */
    static final Set<String> BLOCKING_FINISH_REASONS = Set.of("IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION", "SAFETY", "PROHIBITED_CONTENT", "RECITATION", "BLOCKLIST", "SPII");

    private GeminiResponseMapper() {
    }

    static AdapterResult result(String providerId, String body, List<Warning> warnings) {
        JsonObject json = JsonBodies.object(body);
        if (json == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, providerId, 200,
                    providerId + " answered 200 with a body that is not a generateContent response");
        }
        JsonObject feedback = json.getValue("promptFeedback") instanceof JsonObject f ? f : null;
        String blockReason = feedback == null ? null : SafeText.token(feedback.getValue("blockReason"));
        if (feedback != null && feedback.getValue("blockReason") != null) {
            throw new ProviderException(ErrorKind.CONTENT_POLICY, providerId, 200,
                    providerId + " blocked the prompt (blockReason " + (blockReason == null ? "unknown" : blockReason) + ")");
        }
        JsonArray candidates = json.getValue("candidates") instanceof JsonArray c ? c : new JsonArray();
        JsonObject candidate = !candidates.isEmpty() && candidates.getValue(0) instanceof JsonObject c ? c : null;
        String finishReason = candidate == null ? null : SafeText.token(candidate.getValue("finishReason"));
        if (finishReason != null && BLOCKING_FINISH_REASONS.contains(finishReason)) {
            throw new ProviderException(ErrorKind.CONTENT_POLICY, providerId, 200,
                    providerId + " refused to generate the image (finishReason " + finishReason + ")");
        }
        List<GeneratedImage> images = new ArrayList<>();
        JsonObject content = candidate == null ? null : candidate.getValue("content") instanceof JsonObject o ? o : null;
        JsonArray parts = content == null ? null : content.getValue("parts") instanceof JsonArray p ? p : null;
        if (parts != null) {
            for (Object value : parts) {
                if (!(value instanceof JsonObject part) || Boolean.TRUE.equals(part.getValue("thought"))) {
                    // Gemini 3 may show draft "thought" images before the final one.
                    continue;
                }
                if (part.getValue("inlineData") instanceof JsonObject inline && inline.getValue("data") instanceof String data) {
                    String mimeType = inline.getValue("mimeType") instanceof String m ? m : null;
                    images.add(new GeneratedImage.Bytes(Base64Images.decode(providerId, data, "inlineData"), mimeType, null));
                }
            }
        }
        if (images.isEmpty()) {
            // NO_IMAGE, IMAGE_OTHER, OTHER or a text-only STOP: a retry or another route may do better.
            throw new ProviderException(ErrorKind.NO_IMAGE, providerId, 200, providerId
                    + " answered without an image (finishReason " + (finishReason == null ? "none" : finishReason) + ")");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (json.getValue("modelVersion") instanceof String v) {
            metadata.put("model_version", v);
        }
        if (json.getValue("responseId") instanceof String id) {
            metadata.put("upstream_id", id);
        }
        return new AdapterResult(images, warnings, usage(json), metadata);
    }

    /** usageMetadata in OpenAI's usage shape, so the gateway reports one vocabulary. */
    private static Map<String, Object> usage(JsonObject json) {
        if (!(json.getValue("usageMetadata") instanceof JsonObject u)) {
            return Map.of();
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        if (u.getValue("promptTokenCount") instanceof Number n) {
            usage.put("input_tokens", n);
        }
        if (u.getValue("candidatesTokenCount") instanceof Number n) {
            usage.put("output_tokens", n);
        }
        if (u.getValue("totalTokenCount") instanceof Number n) {
            usage.put("total_tokens", n);
        }
        return usage;
    }

    /**
     * Classifies Google's {@code {"error": {code, status, message, details}}}. A bad key is
     * a 400 INVALID_ARGUMENT, told apart from a bad field by its ErrorInfo reason.
     */
    static ProviderException error(String providerId, int status, String body, Duration retryAfterHeader) {
        JsonObject json = JsonBodies.object(body);
        JsonObject error = json != null && json.getValue("error") instanceof JsonObject e ? e : null;
        String rpcStatus = error == null ? null : SafeText.token(error.getValue("status"));
        String message = error != null && error.getValue("message") instanceof String m ? m : "";
        JsonArray details = error != null && error.getValue("details") instanceof JsonArray d ? d : new JsonArray();
        String reason = null;
        Duration retryDelay = null;
        for (Object value : details) {
            if (!(value instanceof JsonObject detail)) {
                continue;
            }
            String type = detail.getValue("@type") instanceof String t ? t : "";
            if (type.endsWith("google.rpc.ErrorInfo") && reason == null) {
                reason = SafeText.token(detail.getValue("reason"));
            } else if (type.endsWith("google.rpc.RetryInfo")) {
                retryDelay = protoDuration(detail.getValue("retryDelay"));
            }
        }
        ErrorKind kind;
        if (status == 429) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (status == 400 && ("API_KEY_INVALID".equals(reason) || message.contains("API key not valid"))) {
            kind = ErrorKind.AUTH;
        } else if (status == 400) {
            kind = ErrorKind.INVALID_REQUEST;
        } else if (status == 403) {
            kind = ErrorKind.AUTH;
        } else if (status >= 500) {
            kind = ErrorKind.UNAVAILABLE;
        } else {
            kind = StatusKinds.of(status);
        }
        // Google's RetryInfo is more precise than the header, when it is there.
        return new ProviderException(kind, providerId, status,
                Refusals.message(providerId, status, "status", rpcStatus, "reason", reason),
                RetryAfter.relevant(kind, retryDelay != null ? retryDelay : retryAfterHeader), null);
    }

    /** Protobuf JSON durations: decimal seconds with an {@code s} suffix ({@code "35s"}, {@code "1.5s"}). */
    static Duration protoDuration(Object value) {
        if (!(value instanceof String s) || !s.endsWith("s")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(s.substring(0, s.length() - 1));
            if (seconds.signum() < 0) {
                return null;
            }
            return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
