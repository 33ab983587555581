package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.ProviderOptions;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a normalized request into the JSON body of {@code POST /images/generations}. Pure:
 * no I/O, so every wire decision is unit-tested on its own.
 */
final class OpenAiRequestMapper {

    /** What the Images API takes for one model family or the other; the rest is warned about per model. */
    static final Set<OptionalParam> HONOURED = Set.of(OptionalParam.QUALITY, OptionalParam.STYLE,
            OptionalParam.BACKGROUND, OptionalParam.MODERATION, OptionalParam.USER, OptionalParam.OUTPUT_COMPRESSION,
            OptionalParam.INPUT_FIDELITY);
    private static final Set<String> GPT_QUALITIES = Set.of("low", "medium", "high", "auto");
    private static final Set<String> DALLE_QUALITIES = Set.of("standard", "hd");
    private static final Set<String> NATIVE_FORMATS = Set.of("png", "jpeg", "webp");

    private OpenAiRequestMapper() {
    }

    /** GPT image models always answer base64 and reject {@code response_format}. */
    static boolean isGptImage(String model) {
        return !model.startsWith("dall-e");
    }

    /** The body, warnings, and the media type base64 images will have when the answer does not say. */
    static MappedRequest map(AdapterRequest request, String providerId) {
        String model = request.providerModel();
        boolean gpt = isGptImage(model);
        List<Warning> warnings = new ArrayList<>();
        JsonObject body = new JsonObject()
                .put("model", model)
                .put("prompt", request.prompt())
                .put("n", request.n());

        String size = size(request.size());
        if (size != null) {
            body.put("size", size);
        } else if (request.size() instanceof UpstreamSize.Ratio) {
            warnings.add(new Warning("size_adjusted", "size",
                    "OpenAI takes pixel sizes only; the aspect ratio was not sent and the model default was used"));
        }

        String mediaType = "image/png";
        if (gpt) {
            // Only ask for a format the route produces natively; the gateway transcodes the rest.
            String format = request.outputFormat();
            if (NATIVE_FORMATS.contains(format) && request.capabilities().outputFormats().contains(format)) {
                body.put("output_format", format);
                mediaType = "image/" + format;
            }
            if (request.outputCompression() != null) {
                body.put("output_compression", request.outputCompression());
            }
        } else {
            // dall-e answers a 60-minute URL by default; bytes spare the gateway a fetch.
            body.put("response_format", "b64_json");
            if (request.outputCompression() != null) {
                warnings.add(Warning.unsupported("output_compression", model));
            }
        }

        quality(request.quality(), gpt, model, body, warnings);

        if (request.style() != null) {
            if (model.equals("dall-e-3")) {
                body.put("style", request.style());
            } else {
                warnings.add(Warning.unsupported("style", model));
            }
        }
        if (request.background() != null) {
            background(request, gpt, model, body, warnings);
        }
        if (request.moderation() != null) {
            if (gpt) {
                body.put("moderation", request.moderation());
            } else {
                warnings.add(Warning.unsupported("moderation", model));
            }
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        if (request.seed() != null) {
            warnings.add(Warning.unsupported("seed", providerId));
        }
        if (request.negativePrompt() != null) {
            warnings.add(Warning.unsupported("negative_prompt", providerId));
        }
        ProviderOptions.merge(body, request.providerOptions(), warnings);
        return new MappedRequest(body, warnings, mediaType);
    }

    /** OpenAI writes sizes {@code WxH}; anything else means "let the model choose". */
    static String size(UpstreamSize size) {
        if (size instanceof UpstreamSize.Pixels pixels) {
            return pixels.dims().toString();
        }
        if (size instanceof UpstreamSize.Preset preset && preset.dims() != null) {
            return preset.dims().toString();
        }
        return null;
    }

    /**
     * The two model families name quality differently; the closest value is sent with a
     * warning instead of letting OpenAI answer 400.
     */
    private static void quality(String quality, boolean gpt, String model, JsonObject body, List<Warning> warnings) {
        if (quality == null) {
            return;
        }
        String q = quality.toLowerCase(Locale.ROOT);
        if (gpt) {
            String sent = switch (q) {
                case "hd" -> "high";
                case "standard" -> "medium";
                default -> GPT_QUALITIES.contains(q) ? q : null;
            };
            put(body, warnings, model, quality, sent);
        } else if (model.equals("dall-e-3")) {
            String sent = switch (q) {
                case "high" -> "hd";
                case "medium", "low" -> "standard";
                // auto is dall-e-3's default (standard): sending nothing is exact
                case "auto" -> null;
                default -> DALLE_QUALITIES.contains(q) ? q : null;
            };
            if (sent == null && q.equals("auto")) {
                return;
            }
            put(body, warnings, model, quality, sent);
        } else if (!q.equals("standard") && !q.equals("auto")) {
            // dall-e-2 has one quality
            warnings.add(Warning.unsupported("quality", model));
        }
    }

    private static void put(JsonObject body, List<Warning> warnings, String model, String asked, String sent) {
        if (sent == null) {
            warnings.add(Warning.unsupported("quality", model));
            return;
        }
        body.put("quality", sent);
        if (!sent.equals(asked)) {
            warnings.add(new Warning("parameter_adjusted", "quality",
                    "quality '" + asked + "' is not a " + model + " value; sent '" + sent + "'"));
        }
    }

    private static void background(AdapterRequest request, boolean gpt, String model, JsonObject body,
                                   List<Warning> warnings) {
        if (!gpt) {
            warnings.add(Warning.unsupported("background", model));
            return;
        }
        // OpenAI refuses a transparent JPEG with 400; keep the call and say so instead.
        if (request.background().equals("transparent") && "jpeg".equals(body.getString("output_format"))) {
            warnings.add(new Warning("unsupported_parameter", "background",
                    "a transparent background needs png or webp output; it was ignored"));
            return;
        }
        body.put("background", request.background());
    }
}
