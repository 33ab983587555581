package dev.easel.gateway.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.easel.adapter.http.Secrets;
import dev.easel.gateway.job.ProcessedImage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes OpenAI's {@code ImagesResponse} (plus Easel's {@code metadata}) for delivered images
 * as one JSON document. Base64 goes through {@link JsonGenerator#writeBinary}, straight from
 * the image bytes into the output, so no base64 string of the whole image is ever built.
 * Blocking: call it on the worker pool.
 */
public final class ImagesResponseWriter {

    /** Thread-safe once configured; generators are cheap. */
    static final JsonFactory JSON = new JsonFactory();

    private ImagesResponseWriter() {
    }

    /** The whole answer in one buffer (what an idempotent request keeps to replay). */
    public static Buffer toBuffer(DeliveredImages delivered) {
        long estimated = 1024;
        for (ProcessedImage image : delivered.images()) {
            estimated += (delivered.base64() ? image.data().length * 4L / 3 + 64 : 0) + (delivered.urls() == null ? 0 : 512);
        }
        BufferOutput out = new BufferOutput((int) Math.min(Integer.MAX_VALUE - 8, estimated));
        write(delivered, out);
        return out.buffer();
    }

    public static void write(DeliveredImages delivered, OutputStream out) {
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("created", delivered.created());
            gen.writeArrayFieldStart("data");
            for (int i = 0; i < delivered.images().size(); i++) {
                ProcessedImage image = delivered.images().get(i);
                gen.writeStartObject();
                if (delivered.url(i) != null) {
                    gen.writeStringField("url", delivered.url(i));
                }
                if (delivered.base64()) {
                    gen.writeFieldName("b64_json");
                    gen.writeBinary(image.data());
                }
                if (image.revisedPrompt() != null) {
                    gen.writeStringField("revised_prompt", Secrets.scrub(image.revisedPrompt()));
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            ProcessedImage first = delivered.images().get(0);
            gen.writeStringField("output_format", first.format().extension());
            gen.writeStringField("size", first.dims().toString());
            // What was applied: a quality the serving route dropped (with a warning) is not echoed.
            if (delivered.job().params().quality() != null
                    && delivered.result().route().capabilities().supports(dev.easel.adapter.OptionalParam.QUALITY)) {
                gen.writeStringField("quality", delivered.job().params().quality());
            }
            if (!delivered.result().usage().isEmpty()) {
                writeJson(gen, "usage", new JsonObject(Map.copyOf(delivered.result().usage())));
            }
            writeJson(gen, "metadata", ImageDelivery.metadata(delivered.result(), delivered.job()));
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the images response failed", e);
        }
    }

    /**
     * Small members (usage, metadata) are encoded by Vert.x and spliced in as raw JSON, scrubbed
     * of secrets first: warnings and attempts can carry provider words. Images are not scanned.
     */
    static void writeJson(JsonGenerator gen, String field, JsonObject value) throws IOException {
        gen.writeFieldName(field);
        gen.writeRawValue(Secrets.scrub(value.encode()));
    }
}
