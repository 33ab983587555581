package dev.easel.adapter.replicate;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.EditChecks;
import dev.easel.adapter.http.FormFile;
import dev.easel.adapter.http.JsonBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.List;

/**
 * The image inputs of Replicate's edit models (provider-edits.md section 4) and how each
 * image travels: a data URI when small, else a file uploaded to Replicate's Files API and
 * passed as its {@code urls.get}. Pure; the adapter makes the uploads.
 */
final class ReplicateEdits {

    /** Replicate recommends data URIs "only if the file is less than 1MB": the URI itself, here. */
    static final int MAX_DATA_URI_CHARS = 1_000_000;
    /** black-forest-labs/flux-2-pro takes at most 8 input images. */
    static final int FLUX_2_MAX = 8;
    /** google/nano-banana's image_input: as many as Easel takes; the catalog's max_input_images says less. */
    static final int IMAGE_INPUT_MAX = 16;

    /** How one model takes its images. */
    record Field(String name, boolean list, int max) {
    }

    private ReplicateEdits() {
    }

    /** The model's image field; {@code model} is {@code owner/name}, with or without {@code :version}. */
    static Field field(String model, String provider) {
        String name = model.contains(":") ? model.substring(0, model.indexOf(':')) : model;
        if (name.contains("flux-kontext")) {
            return new Field("input_image", false, 1);
        }
        if (name.contains("flux-2")) {
            return new Field("input_images", true, FLUX_2_MAX);
        }
        if (name.contains("nano-banana") || name.contains("gemini")) {
            return new Field("image_input", true, IMAGE_INPUT_MAX);
        }
        throw EditChecks.notAnEditModel(provider, model);
    }

    /** Checks the request against the model before anything is uploaded. */
    static Field check(AdapterRequest request, String provider) {
        Field field = field(request.providerModel(), provider);
        EditChecks.require(request, provider, field.max(), false);
        return field;
    }

    /** Whether {@code image} goes through the Files API rather than inline. */
    static boolean needsUpload(InputImage image) {
        // base64 is 4 chars per 3 bytes, plus the "data:image/png;base64," prefix.
        return (long) (image.data().length + 2) / 3 * 4 + 32 >= MAX_DATA_URI_CHARS;
    }

    /** The inline value of a small image. */
    static String inline(InputImage image) {
        return image.dataUri();
    }

    /** Adds the images (data URIs or file URLs, in the caller's order) to the prediction input. */
    static void put(JsonObject input, Field field, List<String> values) {
        if (field.list()) {
            input.put(field.name(), new JsonArray(List.copyOf(values)));
        } else {
            input.put(field.name(), values.get(0));
        }
    }

    /** {@code POST /v1/files}: the bytes as the part {@code content}, with a filename and their type. */
    static MultipartForm upload(InputImage image, int index) {
        FormFile file = FormFile.of("content", "input-" + index, image);
        return MultipartForm.create().binaryFileUpload(file.name(), file.filename(), Buffer.buffer(image.data()),
                image.mediaType());
    }

    /** The {@code urls.get} of a created file object, the value a model input takes. */
    static String uploaded(Buffer body, int status, String provider) {
        JsonObject json = JsonBodies.object(body);
        JsonObject urls = json == null ? null : json.getValue("urls") instanceof JsonObject u ? u : null;
        String get = urls == null ? null : urls.getString("get");
        if (get == null || !(get.startsWith("https://") || get.startsWith("http://"))) {
            throw new ProviderException(ErrorKind.UPSTREAM, provider, status,
                    provider + ": the file upload answered without urls.get");
        }
        return get;
    }
}
