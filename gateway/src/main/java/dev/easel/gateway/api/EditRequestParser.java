package dev.easel.gateway.api;

import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.size.AspectRatio;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.gateway.fetch.FetchPolicy;
import dev.easel.gateway.fetch.MediaFetcher;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.pipeline.WorkKind;
import dev.easel.media.ImageBytes;
import dev.easel.media.InputImages;
import dev.easel.media.MediaException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a {@code POST /v1/images/edits} request, in either of OpenAI's shapes, into an
 * edit {@link ImageJob}: multipart ({@code image}, {@code image[]} or a repeated
 * {@code image}, optional {@code mask}, every other field a form value) or JSON
 * ({@code images: [{image_url}]}, optional {@code mask: {image_url}}). The fields shared with
 * generations are checked by {@link GenerationRequestParser}, so both endpoints speak the
 * same rules. Every input is read by its bytes on the worker pool (header only, GIF reduced
 * to its first frame); a bad one is a 400 naming it.
 */
public final class EditRequestParser {

    /** OpenAI's own limit on input images per edit. */
    public static final int MAX_IMAGES = 16;

    private static final List<String> FIDELITIES = List.of("high", "low");
    private static final Pattern NESTED_OPTION = Pattern.compile("provider_options\\[([^\\[\\]]+)\\]\\[([^\\[\\]]+)\\]");
    /** Form values that are numbers or booleans in the JSON shape. */
    private static final List<String> INTEGER_FIELDS = List.of("n", "output_compression", "seed", "partial_images");
    private static final List<String> BOOLEAN_FIELDS = List.of("stream");

    private final GenerationRequestParser fields;
    private final WorkerPool workers;
    private final MediaFetcher fetcher;
    private final InputImages inputs;
    private final long maxInputBytes;

    public EditRequestParser(GenerationRequestParser fields, WorkerPool workers, MediaFetcher fetcher, long maxPixels,
                             long maxInputBytes) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.inputs = new InputImages(maxPixels);
        this.maxInputBytes = maxInputBytes;
    }

    /** The multipart shape: form values plus file parts in the order received. */
    public Future<ImageJob> parseMultipart(MultiMap form, List<FormFile> files) {
        ImageJob base;
        List<Raw> images = new ArrayList<>();
        Raw mask = null;
        try {
            base = fields.parse(formToJson(form));
            for (FormFile f : files) {
                switch (f.field()) {
                    case "image", "image[]" -> images.add(new Raw(images.isEmpty() && f.field().equals("image")
                            ? "image" : "image[" + images.size() + "]", f.data()));
                    case "mask" -> {
                        if (mask != null) {
                            throw ApiErrors.invalid("mask", "Send at most one 'mask'.");
                        }
                        mask = new Raw("mask", f.data());
                    }
                    default -> throw ApiErrors.invalid(f.field(), "'" + f.field()
                            + "' is not a file field of this endpoint; send images as 'image' or 'image[]' and a mask as 'mask'.");
                }
            }
            if (form.contains("image") || form.contains("image[]") || form.contains("mask")) {
                throw ApiErrors.invalid(form.contains("mask") ? "mask" : "image",
                        "Images and masks are files: send them as multipart file parts, not as text values.");
            }
            checkCount(images.size(), "image");
            // A plain 'image' part followed by more is a repeated 'image': name each by its position.
            if (images.size() > 1 && images.get(0).param().equals("image")) {
                images.set(0, new Raw("image[0]", images.get(0).data()));
            }
            for (Raw r : images) {
                checkBytes(r);
            }
            if (mask != null) {
                checkBytes(mask);
            }
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
        return edit(base, form.get("input_fidelity"), Future.succeededFuture(images),
                Future.succeededFuture(mask));
    }

    /** The JSON shape: {@code images: [{image_url}]} and {@code mask: {image_url}}, URLs or data URLs. */
    public Future<ImageJob> parseJson(JsonObject body) {
        ImageJob base;
        List<Future<Raw>> images = new ArrayList<>();
        Future<Raw> mask = Future.succeededFuture();
        try {
            base = fields.parse(body);
            Object list = body.getValue("images");
            if (list == null) {
                throw ApiErrors.invalid("images", "'images' is required: a list of 1 to " + MAX_IMAGES
                        + " objects, each {\"image_url\": \"https://...\" or \"data:image/png;base64,...\"}.");
            }
            if (!(list instanceof JsonArray array)) {
                throw ApiErrors.invalid("images", "'images' must be a list of {\"image_url\": ...} objects.");
            }
            checkCount(array.size(), "images");
            for (int i = 0; i < array.size(); i++) {
                images.add(reference(array.getValue(i), "images[" + i + "]"));
            }
            if (body.getValue("mask") != null) {
                mask = reference(body.getValue("mask"), "mask");
            }
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
        Object fidelity = body.getValue("input_fidelity");
        if (fidelity != null && !(fidelity instanceof String)) {
            return Future.failedFuture(ApiErrors.invalid("input_fidelity", "'input_fidelity' must be a string."));
        }
        return edit(base, (String) fidelity, Future.all(images).map(all -> all.<Raw>list()), mask);
    }

    private Future<ImageJob> edit(ImageJob base, String fidelity, Future<List<Raw>> images, Future<Raw> mask) {
        if (fidelity != null && !FIDELITIES.contains(fidelity)) {
            return Future.failedFuture(ApiErrors.invalid("input_fidelity",
                    "'input_fidelity' must be one of high, low, got '" + fidelity + "'."));
        }
        return Future.all(images, mask)
                .compose(all -> {
                    List<Raw> raw = images.result();
                    Raw rawMask = mask.result();
                    return workers.submit(WorkKind.DECODE_EDIT_INPUT, () -> build(base, fidelity, raw, rawMask));
                });
    }

    private ImageJob build(ImageJob base, String fidelity, List<Raw> raw, Raw rawMask) {
        List<InputImage> loaded = new ArrayList<>();
        ImageBytes first = null;
        for (Raw r : raw) {
            ImageBytes b = load(r);
            first = first == null ? b : first;
            loaded.add(new InputImage(b.data(), b.format().mediaType()));
        }
        InputImage mask = null;
        if (rawMask != null) {
            ImageBytes m = load(rawMask);
            mask = new InputImage(m.data(), m.format().mediaType());
        }
        OptionalParams p = base.params();
        OptionalParams params = new OptionalParams(p.outputCompression(), p.quality(), p.style(), p.background(),
                p.moderation(), p.user(), p.seed(), p.negativePrompt(), fidelity);
        return new ImageJob(Operation.EDIT, base.prompt(), base.model(), base.n(), keepFirstRatio(base.size(), first),
                base.exactSize(), base.responseFormat(), base.outputFormat(), params, loaded, mask,
                base.providerOptions());
    }

    /**
     * DESIGN "Edits": with no size and no aspect ratio the output keeps the first image's
     * ratio, normalized like any requested ratio (a resolution tier, if asked, still applies).
     */
    static RequestedSize keepFirstRatio(RequestedSize asked, ImageBytes first) {
        if (asked.pixels() != null || asked.ratio() != null) {
            return asked;
        }
        int gcd = BigInteger.valueOf(first.width()).gcd(BigInteger.valueOf(first.height())).intValue();
        return new RequestedSize(null, new AspectRatio(first.width() / gcd, first.height() / gcd), asked.resolution());
    }

    private ImageBytes load(Raw r) {
        try {
            return inputs.load(r.data());
        } catch (MediaException e) {
            String why = switch (e.reason()) {
                case NOT_AN_IMAGE -> "is not an image";
                case UNSUPPORTED_FORMAT -> "is not PNG, JPEG, WebP or GIF";
                case TOO_LARGE -> "has more pixels than this gateway accepts (EASEL_MAX_PIXELS)";
                default -> "is cut short or corrupt";
            };
            throw ApiErrors.invalid(r.param(), "'" + r.param() + "' " + why + ".");
        }
    }

    private void checkBytes(Raw r) {
        if (r.data().length == 0) {
            throw ApiErrors.invalid(r.param(), "'" + r.param() + "' is empty.");
        }
        if (r.data().length > maxInputBytes) {
            throw ApiErrors.invalid(r.param(), "'" + r.param() + "' is larger than " + maxInputBytes
                    + " bytes (EASEL_MAX_INPUT_BYTES).");
        }
    }

    private static void checkCount(int count, String param) {
        if (count == 0) {
            throw ApiErrors.invalid(param, "At least one input image is required ('" + param + "').");
        }
        if (count > MAX_IMAGES) {
            throw ApiErrors.invalid(param, count + " input images were sent; at most " + MAX_IMAGES + " are allowed.");
        }
    }

    /** {@code {"image_url": ...}}: a data URL decoded here, an http(s) URL fetched with no trusted host. */
    private Future<Raw> reference(Object value, String param) {
        if (!(value instanceof JsonObject ref)) {
            throw ApiErrors.invalid(param, "'" + param + "' must be an object {\"image_url\": ...}.");
        }
        if (ref.containsKey("file_id")) {
            throw ApiErrors.invalid(param + ".file_id", "'file_id' is not supported by Easel (it has no Files API);"
                    + " send the image as 'image_url' (https or a data URL).");
        }
        Object url = ref.getValue("image_url");
        String p = param + ".image_url";
        if (!(url instanceof String s) || s.isBlank()) {
            throw ApiErrors.invalid(p, "'" + p + "' must be an https URL or a data URL.");
        }
        if (s.regionMatches(true, 0, "data:", 0, 5)) {
            Raw raw = new Raw(p, dataUrl(s, p));
            checkBytes(raw);
            return Future.succeededFuture(raw);
        }
        if (!s.regionMatches(true, 0, "https://", 0, 8) && !s.regionMatches(true, 0, "http://", 0, 7)) {
            throw ApiErrors.invalid(p, "'" + p + "' must be an http(s) URL or a data URL.");
        }
        // The URL is the caller's: fetched through the SSRF guard with no host trusted, bounded in size.
        return fetcher.fetch(s, FetchPolicy.untrusted("the caller's image URL"))
                .recover(e -> Future.failedFuture(ApiErrors.invalid(p, "'" + p + "' could not be downloaded: "
                        + (e.getMessage() == null ? "the download failed" : e.getMessage()) + ".")))
                .map(f -> {
                    Raw raw = new Raw(p, f.data());
                    checkBytes(raw);
                    return raw;
                });
    }

    private byte[] dataUrl(String url, String param) {
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).toLowerCase().endsWith(";base64")) {
            throw ApiErrors.invalid(param, "'" + param + "' must be a base64 data URL (data:image/png;base64,...).");
        }
        // Refuse before decoding: base64 is 4 characters for every 3 bytes.
        if ((long) (url.length() - comma - 1) * 3 / 4 > maxInputBytes) {
            throw ApiErrors.invalid(param, "'" + param + "' is larger than " + maxInputBytes
                    + " bytes (EASEL_MAX_INPUT_BYTES).");
        }
        try {
            return Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalid(param, "'" + param + "' is not valid base64.");
        }
    }

    /**
     * The form's values as the JSON body would carry them: numbers and booleans typed,
     * {@code provider_options} from a JSON string or from {@code provider_options[p][k]} fields.
     */
    static JsonObject formToJson(MultiMap form) {
        JsonObject json = new JsonObject();
        JsonObject options = null;
        for (Map.Entry<String, String> e : form.entries()) {
            String name = e.getKey();
            String value = e.getValue();
            Matcher nested = NESTED_OPTION.matcher(name);
            if (nested.matches()) {
                options = options == null ? new JsonObject() : options;
                JsonObject provider = options.getJsonObject(nested.group(1));
                if (provider == null) {
                    provider = new JsonObject();
                    options.put(nested.group(1), provider);
                }
                provider.put(nested.group(2), scalar(value));
                continue;
            }
            if (json.containsKey(name) && !name.equals("image") && !name.equals("image[]")) {
                throw ApiErrors.invalid(name, "'" + name + "' was sent more than once.");
            }
            if (name.equals("provider_options")) {
                try {
                    json.put(name, Json.decodeValue(value));
                } catch (DecodeException ex) {
                    throw ApiErrors.invalid("provider_options", "'provider_options' must be a JSON object.");
                }
            } else if (INTEGER_FIELDS.contains(name) && value.matches("-?\\d{1,19}")) {
                json.put(name, new BigInteger(value));
            } else if (BOOLEAN_FIELDS.contains(name) && (value.equals("true") || value.equals("false"))) {
                json.put(name, Boolean.parseBoolean(value));
            } else {
                json.put(name, value);
            }
        }
        if (options != null) {
            if (json.containsKey("provider_options")) {
                throw ApiErrors.invalid("provider_options", "Send 'provider_options' either as JSON or as fields, not both.");
            }
            json.put("provider_options", options);
        }
        return json;
    }

    /** A nested option's value: a JSON number or boolean when it reads as one, else the text. */
    private static Object scalar(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }

    /** An input before it is read: where it came from (for errors) and its bytes. */
    private record Raw(String param, byte[] data) {
    }
}
