package dev.easel.gateway.api;

import dev.easel.adapter.size.RequestedSize;
import java.util.Map;
import java.util.Objects;

/**
 * A validated {@code POST /v1/images/generations} body. Every field has been checked by
 * {@code GenerationRequestParser}; optional OpenAI fields are null when absent.
 *
 * @param model            a catalog model id or a {@code provider/model} slug
 * @param size             the requested target (see {@link RequestedSize} for precedence)
 * @param exactSize        {@code size_mode: exact}: crop/scale to exactly {@code size.pixels()}
 * @param providerOptions  provider id to an object merged into that provider's upstream body
 */
public record GenerationRequest(
        String prompt,
        String model,
        int n,
        RequestedSize size,
        boolean exactSize,
        ResponseFormat responseFormat,
        String outputFormat,
        Integer outputCompression,
        String quality,
        String style,
        String background,
        String moderation,
        String user,
        Long seed,
        String negativePrompt,
        Map<String, Map<String, Object>> providerOptions) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(responseFormat, "responseFormat");
        Objects.requireNonNull(outputFormat, "outputFormat");
        providerOptions = providerOptions == null ? Map.of() : Map.copyOf(providerOptions);
    }

    public enum ResponseFormat { URL, B64_JSON }
}
