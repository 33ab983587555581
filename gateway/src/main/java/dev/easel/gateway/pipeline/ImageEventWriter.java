package dev.easel.gateway.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.easel.adapter.Operation;
import dev.easel.adapter.http.Secrets;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ProcessedImage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Server-sent events as OpenAI frames them for image streams: {@code event: <type>}, one
 * {@code data:} line of JSON whose {@code type} repeats the event name, a blank line; no
 * {@code [DONE]}. Each frame is rendered whole into its own buffer (base64 through
 * {@link JsonGenerator#writeBinary}), so nothing else can be written between its lines.
 * Blocking: call it on the worker pool.
 */
public final class ImageEventWriter {

    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private ImageEventWriter() {
    }

    /** {@code image_generation} or {@code image_edit}: OpenAI's prefix for the job's events. */
    public static String prefix(ImageJob job) {
        return job.operation() == Operation.EDIT ? "image_edit" : "image_generation";
    }

    /** A comment line: SSE clients ignore it, proxies see traffic. */
    public static Buffer keepalive() {
        return Buffer.buffer(KEEPALIVE);
    }

    public static Buffer partial(ImageJob job, ProcessedImage image, int imageIndex, int partialIndex, long createdAt) {
        String type = prefix(job) + ".partial_image";
        return frame(type, image.data().length, gen -> {
            gen.writeFieldName("b64_json");
            gen.writeBinary(image.data());
            gen.writeNumberField("partial_image_index", partialIndex);
            gen.writeNumberField("image_index", imageIndex);
            common(gen, job, image, createdAt);
        });
    }

    public static Buffer completed(DeliveredImages delivered, int index) {
        ImageJob job = delivered.job();
        ProcessedImage image = delivered.images().get(index);
        String type = prefix(job) + ".completed";
        return frame(type, image.data().length, gen -> {
            gen.writeFieldName("b64_json");
            gen.writeBinary(image.data());
            if (delivered.url(index) != null) {
                gen.writeStringField("url", delivered.url(index));
            }
            if (image.revisedPrompt() != null) {
                gen.writeStringField("revised_prompt", Secrets.scrub(image.revisedPrompt()));
            }
            gen.writeNumberField("image_index", index);
            common(gen, job, image, delivered.created());
            if (!delivered.result().usage().isEmpty()) {
                ImagesResponseWriter.writeJson(gen, "usage", new JsonObject(Map.copyOf(delivered.result().usage())));
            }
            ImagesResponseWriter.writeJson(gen, "metadata", ImageDelivery.metadata(delivered.result(), job));
        });
    }

    /** {@code error}: the error envelope, plus {@code retry_after} in seconds when there is one. */
    public static Buffer error(ApiException api) {
        return frame("error", 0, gen -> {
            gen.writeObjectFieldStart("error");
            gen.writeStringField("message", Secrets.scrub(api.getMessage()));
            gen.writeStringField("type", api.type());
            gen.writeStringField("code", api.code());
            gen.writeStringField("param", api.param());
            gen.writeEndObject();
            if (api.retryAfter() != null) {
                gen.writeNumberField("retry_after", Math.max(1, (api.retryAfter().toMillis() + 999) / 1000));
            }
            if (!api.metadata().isEmpty()) {
                ImagesResponseWriter.writeJson(gen, "metadata", new JsonObject(Map.copyOf(api.metadata())));
            }
        });
    }

    private static void common(JsonGenerator gen, ImageJob job, ProcessedImage image, long createdAt)
            throws IOException {
        gen.writeNumberField("created_at", createdAt);
        gen.writeStringField("size", image.dims().toString());
        gen.writeStringField("quality", job.params().quality() == null ? "auto" : job.params().quality());
        gen.writeStringField("background", job.params().background() == null ? "auto" : job.params().background());
        gen.writeStringField("output_format", image.format().extension());
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator gen) throws IOException;
    }

    private static Buffer frame(String type, int imageBytes, Fields fields) {
        BufferOutput out = new BufferOutput(imageBytes * 4 / 3 + 1024);
        try {
            out.write(("event: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            try (JsonGenerator gen = ImagesResponseWriter.JSON.createGenerator(out)) {
                gen.writeStartObject();
                gen.writeStringField("type", type);
                fields.write(gen);
                gen.writeEndObject();
            }
            out.write('\n');
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing an event failed", e);
        }
        return out.buffer();
    }
}
