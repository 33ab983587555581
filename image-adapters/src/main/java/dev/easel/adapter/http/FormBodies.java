package dev.easel.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.List;
import java.util.Map;

/** Multipart form bodies for providers that take form fields and files (OpenAI edits, Stability). */
public final class FormBodies {

    private FormBodies() {
    }

    /**
     * The fields, then the files, in order. Send it with {@code multipartMixed(false)}: with
     * repeated file names ({@code image[]}) the client would otherwise nest them in one
     * {@code multipart/mixed} part, which OpenAI does not read.
     */
    public static MultipartForm form(Map<String, String> fields, List<FormFile> files) {
        MultipartForm form = MultipartForm.create();
        fields.forEach(form::attribute);
        for (FormFile file : files) {
            form.binaryFileUpload(file.name(), file.filename(), Buffer.buffer(file.image().data()),
                    file.image().mediaType());
        }
        return form;
    }

    /**
     * A form value for a JSON value from provider_options or a mapped body: strings as they
     * are, objects and lists as their JSON text, numbers and booleans as written.
     */
    public static String value(Object value) {
        return value instanceof String s ? s
                : value instanceof Map<?, ?> || value instanceof List<?>
                        || value instanceof io.vertx.core.json.JsonObject || value instanceof io.vertx.core.json.JsonArray
                ? Json.encode(value) : String.valueOf(value);
    }
}
