package dev.easel.gateway.http;

import dev.easel.adapter.PartialImage;
import dev.easel.adapter.PartialImages;
import dev.easel.gateway.api.StreamOptions;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.InputPreparer;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.BufferOutput;
import dev.easel.gateway.pipeline.WorkKind;
import dev.easel.gateway.pipeline.DeliveredImages;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.ImageEventWriter;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.gateway.routing.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a job for a streaming caller ({@code stream: true}): previews go out as
 * {@code partial_image} events while the job runs (failover included: a preview is only a
 * preview), and the finished images become {@code completed} events, one per image. The
 * completed events are rendered into one buffer, which is also what an
 * {@code Idempotency-Key} replay streams.
 */
final class ImageStreams {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageStreams.class);

    /** The completed events of a finished job, and who made them (for headers and metrics). */
    record Rendered(String provider, String model, int attempts, java.math.BigDecimal cost, Buffer events) {
    }

    private final ImageJobService service;
    private final OutputPipeline pipeline;
    private final InputPreparer preparer;
    private final ImageDelivery delivery;
    private final WorkerPool workers;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Duration requestTimeout;

    ImageStreams(ImageJobService service, OutputPipeline pipeline, InputPreparer preparer, ImageDelivery delivery,
                 WorkerPool workers, GatewayMetrics metrics, Clock clock, Duration requestTimeout) {
        this.service = service;
        this.pipeline = pipeline;
        this.preparer = preparer;
        this.delivery = delivery;
        this.workers = workers;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Runs {@code job}, sending its previews to {@code stream} as they come; the future holds
     * the completed events, not yet written.
     */
    Future<Rendered> run(ImageJob job, StreamOptions options, String requestId, Future<Void> clientGone,
                         EventStream stream) {
        AtomicBoolean over = new AtomicBoolean();
        PartialImages partials = options.partialImages() == 0 ? PartialImages.NONE
                : new PartialImages(options.partialImages(), p -> {
                    if (!over.get()) {
                        stream.append(() -> previewFrame(job, p), true);
                    }
                });
        RequestContext rc = new RequestContext(requestId, clock.instant().plus(requestTimeout), clientGone, partials);
        return service.run(job, rc, pipeline.processorFor(job), preparer)
                .andThen(x -> over.set(true))
                .compose(g -> {
                    metrics.generation(g);
                    return delivery.host(g, job, requestId)
                            .compose(d -> workers.submit(WorkKind.ENCODE_EVENT, () -> completedFrames(d)))
                            .map(events -> new Rendered(g.route().provider(), g.route().modelId(), g.attempts().size(), g.cost(),
                                    events));
                });
    }

    private Future<Buffer> previewFrame(ImageJob job, PartialImage p) {
        long createdAt = clock.instant().getEpochSecond();
        return pipeline.preview(job, p.data())
                .compose(image -> workers.submit(WorkKind.ENCODE_EVENT, () -> ImageEventWriter.partial(job, image, p.imageIndex(),
                        p.partialIndex(), createdAt)))
                // A preview is a courtesy: one that cannot be sent is skipped, the image still comes.
                .onFailure(e -> LOG.debug("preview {}.{} dropped: {}", p.imageIndex(), p.partialIndex(), e.toString()));
    }

    private static Buffer completedFrames(DeliveredImages delivered) {
        long size = 0;
        for (var image : delivered.images()) {
            size += image.data().length * 4L / 3 + 2048;
        }
        BufferOutput out = new BufferOutput((int) Math.min(Integer.MAX_VALUE - 8, size));
        for (int i = 0; i < delivered.images().size(); i++) {
            out.buffer().appendBuffer(ImageEventWriter.completed(delivered, i));
        }
        return out.buffer();
    }
}
