package dev.easel.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.easel.media.ImageFormat;
import dev.easel.media.TranscodeRequest;
import dev.easel.media.Transcoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * WireMock stand-ins for the six hosted providers, speaking each one's published protocol
 * (see {@code /work/shared/reference/providers.md}): fal's queue, Replicate predictions and BFL
 * tasks as WireMock scenarios walking through the real job states, OpenAI / Gemini / Stability
 * as their synchronous answers. One WireMock server stands in for every provider host, each
 * under its own path prefix (so the adapters' {@code base_url + path} rules are exercised
 * unchanged); generated images are served by the same server under {@code /media/}, the way
 * fal.media, replicate.delivery and BFL's delivery hosts serve them, and hold real PNG, JPEG or
 * WebP bytes of the provider's pixel size.
 */
public final class ProviderStubs {

    public static final String FAL_KEY = "fal-key-7f3a9c21:5e0d";
    public static final String REPLICATE_TOKEN = "r8_replicateTestToken9137";
    public static final String BFL_KEY = "bfl-key-5d2e8b44-aa10";
    public static final String OPENAI_KEY = "sk-proj-openaiTestKey4242abcd";
    public static final String GEMINI_KEY = "AIzaSyGeminiTestKey000111";
    public static final String STABILITY_KEY = "sk-stabilityTestKey7777";
    /** Every provider secret: none may show up on a media request or in a user's error. */
    public static final List<String> KEYS = List.of(FAL_KEY, REPLICATE_TOKEN, BFL_KEY, OPENAI_KEY, GEMINI_KEY, STABILITY_KEY);

    public static final String FAL = "/fal";
    public static final String REPLICATE = "/replicate/v1";
    public static final String BFL = "/bfl/v1";
    public static final String OPENAI = "/openai/v1";
    public static final String GEMINI = "/gemini/v1beta";
    public static final String STABILITY = "/stability";
    public static final String MEDIA = "/media";

    private static final Map<String, byte[]> IMAGES = new ConcurrentHashMap<>();

    private final WireMockExtension wm;

    public ProviderStubs(WireMockExtension wm) {
        this.wm = wm;
    }

    /** Scheme, host and port of the stub server. */
    public String root() {
        return "http://127.0.0.1:" + wm.getPort();
    }

    /** The documented variables that point every provider at this server, with a key each. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("FAL_BASE_URL", root() + FAL);
        env.put("REPLICATE_BASE_URL", root() + REPLICATE);
        env.put("BFL_BASE_URL", root() + BFL);
        env.put("OPENAI_BASE_URL", root() + OPENAI);
        env.put("GEMINI_BASE_URL", root() + GEMINI);
        env.put("STABILITY_BASE_URL", root() + STABILITY);
        env.put("FAL_KEY", FAL_KEY);
        env.put("REPLICATE_API_TOKEN", REPLICATE_TOKEN);
        env.put("BFL_API_KEY", BFL_KEY);
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        env.put("STABILITY_API_KEY", STABILITY_KEY);
        return env;
    }

    // ---------------------------------------------------------------- media

    /** Serves {@code body} at {@code /media/<path>} (path may carry a query) and returns its absolute URL. */
    public String media(String path, ResponseDefinitionBuilder response) {
        wm.stubFor(get(urlEqualTo(MEDIA + "/" + path)).willReturn(response));
        return root() + MEDIA + "/" + path;
    }

    public String media(String path, byte[] image, String contentType) {
        return media(path, aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(image));
    }

    /** Every request made to the media paths, i.e. the gateway's image downloads. */
    public List<LoggedRequest> mediaRequests() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith(MEDIA + "/")).toList();
    }

    // ---------------------------------------------------------------- fal queue

    /**
     * fal's queue for one request: submit {@code POST /{model id}} answers IN_QUEUE with the
     * job URLs (owner/app only, per fal-js), the status URL answers 202 IN_QUEUE, 202
     * IN_PROGRESS, then 200 COMPLETED, and the response URL answers {@code result}.
     */
    public void falQueue(String modelId, String requestId, ResponseDefinitionBuilder result) {
        String[] parts = modelId.split("/");
        String app = parts[0] + "/" + parts[1];
        String job = FAL + "/" + app + "/requests/" + requestId;
        JsonObject urls = new JsonObject()
                .put("request_id", requestId)
                .put("response_url", root() + job)
                .put("status_url", root() + job + "/status")
                .put("cancel_url", root() + job + "/cancel");
        wm.stubFor(post(urlEqualTo(FAL + "/" + modelId))
                .willReturn(json(200, urls.copy().put("status", "IN_QUEUE").put("queue_position", 0)
                        .put("logs", null).put("metrics", new JsonObject()))
                        .withHeader("x-fal-request-id", requestId)));
        String scenario = "fal-" + requestId;
        wm.stubFor(get(urlEqualTo(job + "/status")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(202, urls.copy().put("status", "IN_QUEUE").put("queue_position", 1)))
                .willSetStateTo("running"));
        wm.stubFor(get(urlEqualTo(job + "/status")).inScenario(scenario).whenScenarioStateIs("running")
                .willReturn(json(202, urls.copy().put("status", "IN_PROGRESS").put("logs", new JsonArray())))
                .willSetStateTo("done"));
        wm.stubFor(get(urlEqualTo(job + "/status")).inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(json(200, urls.copy().put("status", "COMPLETED").put("logs", new JsonArray())
                        .put("metrics", new JsonObject().put("inference_time", 0.41)))));
        wm.stubFor(get(urlEqualTo(job)).inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(result.withHeader("x-fal-request-id", requestId)));
        wm.stubFor(put(urlEqualTo(job + "/cancel")).willReturn(json(400, new JsonObject().put("status", "ALREADY_COMPLETED"))));
    }

    /** A completed fal FLUX result: {@code images[].url} on the media path, the image of the given size. */
    public String falImages(String modelId, String requestId, ImageFormat format, int width, int height) {
        String url = media("fal/files/" + requestId + "/image." + ext(format), image(format, width, height),
                format.mediaType());
        falQueue(modelId, requestId, json(200, new JsonObject()
                .put("images", new JsonArray().add(new JsonObject().put("url", url).put("width", width)
                        .put("height", height).put("content_type", format.mediaType())))
                .put("timings", new JsonObject().put("inference", 0.38))
                .put("seed", 1234567)
                .put("has_nsfw_concepts", new JsonArray().add(false))
                .put("prompt", "as sent")));
        return url;
    }

    /** fal's recorded content-checker refusal, as the result call returns it (422). */
    public static ResponseDefinitionBuilder falContentPolicy() {
        return json(422, new JsonObject().put("detail", new JsonArray().add(new JsonObject()
                .put("loc", new JsonArray().add("body").add("prompt"))
                .put("msg", "The content could not be processed because it contained material flagged by a content checker.")
                .put("type", "content_policy_violation")
                .put("url", "https://docs.fal.ai/errors#content_policy_violation"))));
    }

    // ---------------------------------------------------------------- Replicate

    /**
     * One Replicate prediction of an official model: create answers 201 {@code starting} with
     * {@code urls.get}, the poll answers {@code processing}, then {@code terminal} (succeeded
     * with output, or failed with error).
     */
    public void replicatePrediction(String model, String id, JsonObject terminal) {
        String get = REPLICATE + "/predictions/" + id;
        JsonObject starting = prediction(model, id, "starting");
        wm.stubFor(post(urlEqualTo(REPLICATE + "/models/" + model + "/predictions"))
                .willReturn(json(201, starting).withHeader("Location", root() + get)));
        String scenario = "replicate-" + id;
        wm.stubFor(get(urlEqualTo(get)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, prediction(model, id, "processing")
                        .put("started_at", "2026-08-30T10:00:01.200Z").put("logs", "Using seed: 4242\n0%|          | 0/4")))
                .willSetStateTo("done"));
        wm.stubFor(get(urlEqualTo(get)).inScenario(scenario).whenScenarioStateIs("done")
                .willReturn(json(200, terminal)));
        wm.stubFor(post(urlEqualTo(get + "/cancel")).willReturn(json(200, prediction(model, id, "canceled"))));
    }

    /**
     * A succeeded prediction: flux-schnell answers an array of URLs, flux-1.1-pro and
     * gemini-2.5-flash-image a single URL string ({@code asArray}).
     */
    public String replicateSucceeded(String model, String id, boolean asArray, ImageFormat format, int width, int height) {
        String url = media("replicate/" + id + "/out-0." + (format == ImageFormat.JPEG ? "jpg" : ext(format)),
                image(format, width, height), format.mediaType());
        JsonObject done = prediction(model, id, "succeeded")
                .put("output", asArray ? new JsonArray().add(url) : url)
                .put("started_at", "2026-08-30T10:00:01.200Z")
                .put("completed_at", "2026-08-30T10:00:02.100Z")
                .put("logs", "Using seed: 4242\n100%|##########| 4/4")
                .put("metrics", new JsonObject().put("predict_time", 0.9).put("total_time", 1.4));
        replicatePrediction(model, id, done);
        return url;
    }

    public JsonObject replicatePredictionBody(String model, String id, String status) {
        return prediction(model, id, status);
    }

    private JsonObject prediction(String model, String id, String status) {
        String get = root() + REPLICATE + "/predictions/" + id;
        return new JsonObject()
                .put("id", id)
                .put("model", model)
                .put("version", "hidden")
                .put("input", new JsonObject())
                .put("output", null)
                .put("error", null)
                .put("logs", "")
                .put("status", status)
                .put("source", "api")
                .put("data_removed", false)
                .put("created_at", "2026-08-30T10:00:00.500Z")
                .put("urls", new JsonObject()
                        .put("get", get)
                        .put("cancel", get + "/cancel")
                        .put("web", "https://replicate.com/p/" + id)
                        .put("stream", "https://stream.replicate.com/v1/files/" + id));
    }

    // ---------------------------------------------------------------- BFL

    /**
     * One BFL task: submit {@code POST /v1/{endpoint}} answers {@code id} and {@code polling_url}
     * (on this server), the poll answers {@code Pending} with progress, then {@code terminal}.
     */
    public void bflTask(String endpoint, String id, JsonObject terminal) {
        wm.stubFor(post(urlEqualTo(BFL + "/" + endpoint))
                .willReturn(json(200, new JsonObject()
                        .put("id", id)
                        .put("polling_url", root() + BFL + "/get_result?id=" + id)
                        .put("cost", 4.0).put("input_mp", 0.0).put("output_mp", 0.65))));
        String scenario = "bfl-" + id;
        MappingBuilder poll = get(urlPathEqualTo(BFL + "/get_result")).withQueryParam("id", equalTo(id));
        wm.stubFor(poll.inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, new JsonObject().put("id", id).put("status", "Pending").put("result", null)
                        .put("progress", 0.4).put("details", null)))
                .willSetStateTo("done"));
        MappingBuilder done = get(urlPathEqualTo(BFL + "/get_result")).withQueryParam("id", equalTo(id));
        wm.stubFor(done.inScenario(scenario).whenScenarioStateIs("done").willReturn(json(200, terminal)));
    }

    /** A Ready task whose {@code result.sample} is a signed URL (query string) on the media path. */
    public String bflReady(String endpoint, String id, ImageFormat format, int width, int height) {
        String url = media("bfl/" + id + "/sample." + ext(format) + "?se=2026-08-30T10%3A10%3A00Z&sp=r&sig=c2lnbmF0dXJl",
                image(format, width, height), format.mediaType());
        bflTask(endpoint, id, new JsonObject().put("id", id).put("status", "Ready")
                .put("result", new JsonObject().put("sample", url).put("prompt", "as sent").put("seed", 991)
                        .put("start_time", 1756548000.1).put("end_time", 1756548004.6).put("duration", 4.5))
                .put("progress", null).put("details", null));
        return url;
    }

    /** A task ending in one of BFL's moderation statuses ({@code Request Moderated}, {@code Content Moderated}). */
    public void bflModerated(String endpoint, String id, String status) {
        bflTask(endpoint, id, new JsonObject().put("id", id).put("status", status).put("result", null)
                .put("progress", null).put("details", new JsonObject().put("Moderation Reasons", new JsonArray().add("Derivative Works"))));
    }

    // ---------------------------------------------------------------- OpenAI

    /**
     * {@code POST /v1/images/generations} for {@code model}: an {@code ImagesResponse} with
     * {@code b64_json}. GPT image models reject {@code response_format} with OpenAI's own 400,
     * as the real API does.
     */
    public void openAiImage(String model, ImageFormat format, int width, int height, String revisedPrompt) {
        JsonObject item = new JsonObject().put("b64_json", Base64.getEncoder().encodeToString(image(format, width, height)));
        if (revisedPrompt != null) {
            item.put("revised_prompt", revisedPrompt);
        }
        JsonObject body = new JsonObject().put("created", 1756548000L).put("data", new JsonArray().add(item));
        boolean gpt = !model.startsWith("dall-e");
        if (gpt) {
            body.put("background", "opaque").put("output_format", ext(format)).put("size", width + "x" + height)
                    .put("quality", "high")
                    .put("usage", new JsonObject().put("input_tokens", 9).put("output_tokens", 6240).put("total_tokens", 6249)
                            .put("input_tokens_details", new JsonObject().put("text_tokens", 9).put("image_tokens", 0)));
        }
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(json(200, body)));
        if (gpt) {
            wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .withRequestBody(matchingJsonPath("$.response_format"))
                    .willReturn(json(400, new JsonObject().put("error", new JsonObject()
                            .put("message", "Unknown parameter: 'response_format'.")
                            .put("type", "invalid_request_error").put("param", "response_format")
                            .put("code", "unknown_parameter")))));
        }
    }

    /** Any answer to {@code POST /v1/images/generations}, e.g. an error envelope. */
    public void openAiAnswer(ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/generations")).willReturn(response));
    }

    /**
     * {@code POST /v1/images/edits} (multipart): an {@code ImagesResponse} with {@code b64_json},
     * and the image tokens an edit reports.
     */
    public void openAiEdit(ImageFormat format, int width, int height) {
        JsonObject body = new JsonObject().put("created", 1756548000L)
                .put("data", new JsonArray().add(new JsonObject()
                        .put("b64_json", Base64.getEncoder().encodeToString(image(format, width, height)))))
                .put("background", "opaque").put("output_format", ext(format)).put("size", width + "x" + height)
                .put("quality", "high")
                .put("usage", new JsonObject().put("input_tokens", 523).put("output_tokens", 6240).put("total_tokens", 6763)
                        .put("input_tokens_details", new JsonObject().put("text_tokens", 11).put("image_tokens", 512)));
        wm.stubFor(post(urlEqualTo(OPENAI + "/images/edits")).willReturn(json(200, body)));
    }

    // ---------------------------------------------------------------- Gemini

    /** {@code models/{model}:generateContent} answering one inline base64 PNG part (and a text part). */
    public void geminiImage(String model, int width, int height) {
        JsonObject answer = new JsonObject()
                .put("candidates", new JsonArray().add(new JsonObject()
                        .put("content", new JsonObject().put("role", "model").put("parts", new JsonArray()
                                .add(new JsonObject().put("text", "Here is the image you asked for."))
                                .add(new JsonObject().put("inlineData", new JsonObject().put("mimeType", "image/png")
                                        .put("data", Base64.getEncoder().encodeToString(image(ImageFormat.PNG, width, height)))))))
                        .put("finishReason", "STOP").put("index", 0)))
                .put("usageMetadata", new JsonObject().put("promptTokenCount", 11).put("candidatesTokenCount", 1290)
                        .put("totalTokenCount", 1301))
                .put("modelVersion", model)
                .put("responseId", "gm-resp-81f2");
        wm.stubFor(post(urlEqualTo(GEMINI + "/models/" + model + ":generateContent")).willReturn(json(200, answer)));
    }

    // ---------------------------------------------------------------- Stability

    /**
     * {@code POST /v2beta/stable-image/generate/{model}} with {@code output_format} as asked:
     * raw image bytes ({@code Accept: image/*}) with {@code finish-reason} and {@code seed} headers.
     */
    public void stabilityImage(String model, ImageFormat format, int width, int height) {
        wm.stubFor(post(urlEqualTo(STABILITY + "/v2beta/stable-image/generate/" + model))
                .withMultipartRequestBody(aMultipart().withName("output_format").withBody(equalTo(ext(format))))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", format.mediaType())
                        .withHeader("finish-reason", "SUCCESS")
                        .withHeader("seed", "3141592")
                        .withHeader("x-request-id", "st-req-0c9a1e")
                        .withBody(image(format, width, height))));
    }

    /** {@code POST /v2beta/stable-image/edit/inpaint}: raw image bytes, as for generations. */
    public void stabilityInpaint(ImageFormat format, int width, int height) {
        wm.stubFor(post(urlEqualTo(STABILITY + "/v2beta/stable-image/edit/inpaint"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", format.mediaType())
                        .withHeader("finish-reason", "SUCCESS")
                        .withHeader("seed", "2718281")
                        .withBody(image(format, width, height))));
    }

    /** Any answer to the Stability generate endpoint, e.g. its {@code {id, name, errors}} error. */
    public void stabilityAnswer(String model, ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo(STABILITY + "/v2beta/stable-image/generate/" + model)).willReturn(response));
    }

    // ---------------------------------------------------------------- images and bodies

    public static ResponseDefinitionBuilder json(int status, JsonObject body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.encode());
    }

    public static String ext(ImageFormat format) {
        return format.extension();
    }

    /** A real, encoded picture (gradient and shapes) of the given format and size; cached per size. */
    public static byte[] image(ImageFormat format, int width, int height) {
        return IMAGES.computeIfAbsent(format + ":" + width + "x" + height, k -> encode(format, width, height)).clone();
    }

    private static byte[] encode(ImageFormat format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(30, 60, 140), width, height, new Color(240, 170, 60)));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(250, 250, 245));
            g.fillOval(width / 4, height / 4, width / 3, height / 3);
            g.setColor(new Color(20, 110, 70));
            g.fillRect(width / 2, height / 2, width / 3, height / 4);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(img, "png", png);
            if (format == ImageFormat.PNG) {
                return png.toByteArray();
            }
            if (format == ImageFormat.JPEG) {
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(img, "jpg", jpeg);
                return jpeg.toByteArray();
            }
            // WebP: the JDK has no writer; the project's transcoder (native libwebp) makes one.
            return new Transcoder(64_000_000L).transcode(png.toByteArray(), TranscodeRequest.to(ImageFormat.WEBP, 80)).data();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of HTML, what a CDN error page or a captive portal answers with HTTP 200. */
    public static byte[] html() {
        return "<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>403</h1></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }
}
