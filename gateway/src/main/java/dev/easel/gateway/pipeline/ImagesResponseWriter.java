package dev.easel.gateway.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.easel.adapter.http.Secrets;
import dev.easel.gateway.job.ProcessedImage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes OpenAI's {@code ImagesResponse} (plus Easel's {@code metadata}) for delivered images
 * as one JSON document, with each image's base64 left to be written as it is sent
 * ({@link ImagesBody}).
 */
public final class ImagesResponseWriter {

    /** Thread-safe once configured; generators are cheap. */
    static final JsonFactory JSON = new JsonFactory();

    private ImagesResponseWriter() {
    }

    /**
     * The answer with each image left as bytes where its base64 goes ({@link ImagesBody}):
     * small JSON around them, cheap enough to render anywhere.
     */
    public static ImagesBody body(DeliveredImages delivered) {
        BufferOutput out = new BufferOutput(1024);
        List<Integer> cuts = new ArrayList<>();
        write(delivered, out, cuts);
        Buffer json = out.buffer();
        List<ImagesBody.Part> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            parts.add(new ImagesBody.Text(json.slice(from, cuts.get(i))));
            parts.add(new ImagesBody.Image(delivered.images().get(i).data()));
            from = cuts.get(i);
        }
        parts.add(new ImagesBody.Text(json.slice(from, json.length())));
        return new ImagesBody(parts);
    }

    /** The whole answer in one buffer (what an idempotent request keeps to replay); blocking. */
    public static Buffer toBuffer(DeliveredImages delivered) {
        return body(delivered).toBuffer();
    }

    /**
     * Writes the document with an empty {@code b64_json} string for each image, and records in
     * {@code cuts}, for each, the offset between its two quotes, where its base64 belongs.
     */
    private static void write(DeliveredImages delivered, BufferOutput out, List<Integer> cuts) {
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
                    gen.writeRawValue("\"\"");
                    gen.flush();
                    cuts.add(out.buffer().length() - 1);
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
