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
 * @param responseFormat   what each image carries; {@link ResponseFormat#BOTH} when the field is absent
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

    /**
     * {@code url}, {@code b64_json}, or {@code BOTH} when the caller named neither: OpenAI's GPT
     * image models answer base64 only and DALL-E models a URL, so code written for either family
     * leaves the field out and reads the one it expects.
     */
    public enum ResponseFormat {
        URL, B64_JSON, BOTH;

        public boolean carriesUrl() {
            return this != B64_JSON;
        }

        public boolean carriesBase64() {
            return this != URL;
        }
    }
}
