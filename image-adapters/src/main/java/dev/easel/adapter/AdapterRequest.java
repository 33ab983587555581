package dev.easel.adapter;

import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream call, already resolved and normalized by the gateway: {@code size} is what
 * the provider accepts, {@code n} is at most {@link Capabilities#maxImagesPerCall()}, and
 * every optional field the route does not list in {@link Capabilities#parameters()} has
 * already been dropped (with a warning) by the gateway, so it is null here.
 *
 * @param requestId         the gateway request id, for logs and upstream correlation
 * @param providerModel     the provider's own model id from the route
 * @param outputFormat      what the user asked for ({@code png|jpeg|webp}); adapters pass it
 *                          upstream when the provider can produce it natively
 * @param providerOptions   the user's {@code provider_options[provider]} object, merged into
 *                          the upstream body last
 * @param deadline          when the gateway stops waiting for this call
 * @param abandoned         completes when nobody waits any more (deadline, client gone,
 *                          another part failed); job-queue adapters cancel upstream then
 */
public record AdapterRequest(
        String requestId,
        String providerModel,
        String prompt,
        int n,
        UpstreamSize size,
        String outputFormat,
        Integer outputCompression,
        String quality,
        String style,
        String background,
        String moderation,
        String user,
        Long seed,
        String negativePrompt,
        Map<String, Object> providerOptions,
        Capabilities capabilities,
        Instant deadline,
        Future<Void> abandoned) {

    public AdapterRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(abandoned, "abandoned");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        outputFormat = outputFormat == null ? "png" : outputFormat;
        providerOptions = providerOptions == null ? Map.of() : providerOptions;
    }
}
