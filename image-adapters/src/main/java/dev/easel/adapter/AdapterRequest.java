package dev.easel.adapter;

import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream call, already resolved and normalized by the gateway: {@code size} is what
 * the provider accepts, {@code n} is at most {@link Capabilities#maxImagesPerCall()}, and
 * every optional parameter the route does not list in {@link Capabilities#parameters()} has
 * already been dropped (with a warning) by the gateway, so it is null in {@link #params()}.
 *
 * @param requestId         the gateway request id, for logs and upstream correlation
 * @param providerModel     the provider's own model id for this operation on this route
 * @param operation         generate or edit; an adapter that cannot do an operation fails the call
 * @param outputFormat      what the user asked for ({@code png|jpeg|webp}); adapters pass it
 *                          upstream when the provider can produce it natively
 * @param params            the optional parameters this route honours
 * @param inputs            an edit's input images in the caller's order, as the route takes them
 *                          (converted and downscaled by the gateway); empty for a generation
 * @param mask              an edit's mask, already in the route's convention (alpha or luminance)
 *                          and at the first input's size; null when there is none
 * @param providerOptions   the user's {@code provider_options[provider]} object, merged into
 *                          the upstream body last
 * @param deadline          when the gateway stops waiting for this call
 * @param abandoned         completes when nobody waits any more (deadline, client gone,
 *                          another part failed); job-queue adapters cancel upstream then
 * @param partials          previews a streaming caller asked for, and where to hand them;
 *                          {@link PartialImages#NONE} unless the caller streams
 */
public record AdapterRequest(
        String requestId,
        String providerModel,
        Operation operation,
        String prompt,
        int n,
        UpstreamSize size,
        String outputFormat,
        OptionalParams params,
        List<InputImage> inputs,
        InputImage mask,
        Map<String, Object> providerOptions,
        Capabilities capabilities,
        Instant deadline,
        Future<Void> abandoned,
        PartialImages partials) {

    public AdapterRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(abandoned, "abandoned");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        outputFormat = outputFormat == null ? "png" : outputFormat;
        params = params == null ? OptionalParams.NONE : params;
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        providerOptions = providerOptions == null ? Map.of() : providerOptions;
        partials = partials == null ? PartialImages.NONE : partials;
        if (operation == Operation.EDIT && inputs.isEmpty()) {
            throw new IllegalArgumentException("an edit needs at least one input image");
        }
        if (operation == Operation.GENERATE && (!inputs.isEmpty() || mask != null)) {
            throw new IllegalArgumentException("a generation takes no input images and no mask");
        }
    }

    /** A request that wants no previews (every caller that does not stream). */
    public AdapterRequest(String requestId, String providerModel, Operation operation, String prompt, int n,
                          UpstreamSize size, String outputFormat, OptionalParams params, List<InputImage> inputs,
                          InputImage mask, Map<String, Object> providerOptions, Capabilities capabilities,
                          Instant deadline, Future<Void> abandoned) {
        this(requestId, providerModel, operation, prompt, n, size, outputFormat, params, inputs, mask, providerOptions,
                capabilities, deadline, abandoned, PartialImages.NONE);
    }

    /** The same call with previews going to {@code partials}. */
    public AdapterRequest withPartials(PartialImages partials) {
        return new AdapterRequest(requestId, providerModel, operation, prompt, n, size, outputFormat, params, inputs,
                mask, providerOptions, capabilities, deadline, abandoned, partials);
    }

    /** A generation: no input images, no mask. */
    public static AdapterRequest generate(String requestId, String providerModel, String prompt, int n,
                                          UpstreamSize size, String outputFormat, OptionalParams params,
                                          Map<String, Object> providerOptions, Capabilities capabilities,
                                          Instant deadline, Future<Void> abandoned) {
        return new AdapterRequest(requestId, providerModel, Operation.GENERATE, prompt, n, size, outputFormat, params,
                List.of(), null, providerOptions, capabilities, deadline, abandoned);
    }

    // The parameters by name, as adapters read them: null when absent or not honoured by the route.

    public Integer outputCompression() {
        return params.outputCompression();
    }

    public String quality() {
        return params.quality();
    }

    public String style() {
        return params.style();
    }

    public String background() {
        return params.background();
    }

    public String moderation() {
        return params.moderation();
    }

    public String user() {
        return params.user();
    }

    public Long seed() {
        return params.seed();
    }

    public String negativePrompt() {
        return params.negativePrompt();
    }
}
