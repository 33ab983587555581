package dev.easel.gateway.job;

import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.media.ImageFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated request for images, whatever the endpoint: each endpoint's parser produces
 * it, and routing, failover, the {@code n} split, size normalization, dry-run planning and
 * the output pipeline take it as is.
 *
 * @param operation        generate or edit
 * @param model            a catalog model id or a {@code provider/model} slug
 * @param size             the requested target (see {@link RequestedSize} for precedence). For an
 *                         edit with no {@code size}, {@code aspect_ratio} or {@code resolution}
 *                         (or {@code auto}), the edit parser sets the first input image's aspect
 *                         ratio here, so the output keeps it and is normalized like any size
 * @param exactSize        {@code size_mode: exact}: crop/scale to exactly {@code size.pixels()}
 * @param responseFormat   what each image carries; {@link ResponseFormat#BOTH} when the field is absent
 * @param outputFormat     what the images are delivered as
 * @param params           the optional parameters as asked; routes drop what they do not honour
 * @param inputs           an edit's input images in the caller's order; empty for a generation
 * @param mask             an edit's mask as received (its convention not yet converted), or null
 * @param providerOptions  provider id to an object merged into that provider's upstream body
 */
public record ImageJob(
        Operation operation,
        String prompt,
        String model,
        int n,
        RequestedSize size,
        boolean exactSize,
        ResponseFormat responseFormat,
        ImageFormat outputFormat,
        OptionalParams params,
        List<InputImage> inputs,
        InputImage mask,
        Map<String, Map<String, Object>> providerOptions) {

    public ImageJob {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(responseFormat, "responseFormat");
        Objects.requireNonNull(outputFormat, "outputFormat");
        params = params == null ? OptionalParams.NONE : params;
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        providerOptions = providerOptions == null ? Map.of() : Map.copyOf(providerOptions);
        if (operation == Operation.EDIT && inputs.isEmpty()) {
            throw new IllegalArgumentException("an edit needs at least one input image");
        }
        if (operation == Operation.GENERATE && (!inputs.isEmpty() || mask != null)) {
            throw new IllegalArgumentException("a generation takes no input images and no mask");
        }
    }

    /** A generation: no input images, no mask. */
    public static ImageJob generate(String prompt, String model, int n, RequestedSize size, boolean exactSize,
                                    ResponseFormat responseFormat, ImageFormat outputFormat, OptionalParams params,
                                    Map<String, Map<String, Object>> providerOptions) {
        return new ImageJob(Operation.GENERATE, prompt, model, n, size, exactSize, responseFormat, outputFormat,
                params, List.of(), null, providerOptions);
    }

    /**
     * {@code response_format}: {@code url}, {@code b64_json}, or {@code BOTH} when the caller named
     * neither. OpenAI's GPT image models answer base64 only and DALL-E models a URL, so code
     * written for either family leaves the field out and reads the one it expects.
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
