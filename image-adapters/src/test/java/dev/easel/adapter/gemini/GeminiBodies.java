package dev.easel.adapter.gemini;

/** Gemini answers as the reference records them, shared by the mapper and adapter tests. */
final class GeminiBodies {

    static final String PNG_B64 = "iVBORw0KGgo=";

    static final String IMAGE = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Here is your lighthouse."},
              {"inlineData":{"mimeType":"image/png","data":"%s"}}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":1290,"totalTokenCount":1297},
             "modelVersion":"gemini-2.5-flash-image","responseId":"abc123"}""".formatted(PNG_B64);

    static final String PROMPT_BLOCKED = """
            {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},
             "usageMetadata":{"promptTokenCount":7,"totalTokenCount":7},"modelVersion":"gemini-2.5-flash-image"}""";

    static final String IMAGE_SAFETY = """
            {"candidates":[{"content":{"role":"model"},"finishReason":"IMAGE_SAFETY","index":0}],
             "modelVersion":"gemini-2.5-flash-image"}""";

    static final String TEXT_ONLY = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"I can't draw that, but here is a poem."}]},
              "finishReason":"STOP","index":0}]}""";

    static final String NO_IMAGE = """
            {"candidates":[{"content":{"role":"model"},"finishReason":"NO_IMAGE","index":0}]}""";

    static final String KEY_INVALID = """
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com",
               "metadata":{"service":"generativelanguage.googleapis.com"}},
              {"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}""";

    static final String BAD_FIELD = """
            {"error":{"code":400,"message":"* GenerateContentRequest.generation_config.image_config.aspect_ratio: unsupported value\\n","status":"INVALID_ARGUMENT"}}""";

    static final String PERMISSION_DENIED = """
            {"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""";

    static final String RESOURCE_EXHAUSTED = """
            {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.\\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash-image\\nPlease retry in 35.2s.","status":"RESOURCE_EXHAUSTED",
             "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
               "quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash-image"},"quotaValue":"10"}]},
              {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"35s"}]}}""";

    static final String INTERNAL = """
            {"error":{"code":500,"message":"An internal error has occurred. Please retry or try changing your input.","status":"INTERNAL"}}""";

    static final String OVERLOADED = """
            {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""";

    private GeminiBodies() {
    }
}
