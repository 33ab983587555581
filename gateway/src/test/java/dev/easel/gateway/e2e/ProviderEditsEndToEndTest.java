package dev.easel.gateway.e2e;

import static dev.easel.gateway.testing.EditInputs.jpeg;
import static dev.easel.gateway.testing.EditInputs.leftHalfTransparent;
import static dev.easel.gateway.testing.EditInputs.leftHalfWhite;
import static dev.easel.gateway.testing.EditInputs.png;
import static dev.easel.gateway.testing.EditInputs.solid;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.gateway.testing.ProviderStubs.BFL;
import static dev.easel.gateway.testing.ProviderStubs.FAL;
import static dev.easel.gateway.testing.ProviderStubs.GEMINI;
import static dev.easel.gateway.testing.ProviderStubs.OPENAI;
import static dev.easel.gateway.testing.ProviderStubs.REPLICATE;
import static dev.easel.gateway.testing.ProviderStubs.STABILITY;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.ProviderGateway;
import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code client.images().edit(...)} from openai-java through the shipped catalog to every
 * hosted provider that edits, each replaced by a stub of its published protocol: the stub
 * decodes what it received (images, sizes, formats, the mask's pixels in the route's
 * convention), and the caller gets the provider's image back.
 */
class ProviderEditsEndToEndTest {

    @RegisterExtension
    static final ProviderGateway provider = ProviderGateway.withShippedCatalog();
    private static final ProviderStubs stubs = provider.stubs();

    @Test
    void should_send_openai_every_image_as_an_image_array_part_and_the_alpha_mask_when_gpt_image_1_edits()
            throws Exception {
        stubs.openAiEdit(ImageFormat.PNG, 1536, 1024);
        List<InputStream> two = List.of(new ByteArrayInputStream(png(solid(300, 200, Color.BLUE))),
                new ByteArrayInputStream(png(solid(150, 100, Color.RED))));

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().edit(ImageEditParams.builder()
                .model("gpt-image-1")
                .prompt("put the red square on the blue one")
                .image(ImageEditParams.Image.ofInputStreams(two))
                .mask(png(leftHalfTransparent(300, 200)))
                .inputFidelity(ImageEditParams.InputFidelity.HIGH)
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(raw.parse()), "png", 1536, 1024);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("openai");
        LoggedRequest sent = only(OPENAI + "/images/edits");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + ProviderStubs.OPENAI_KEY);
        List<Request.Part> files = files(sent);
        assertThat(files).extracting(Request.Part::getName).containsExactly("image[]", "image[]", "mask");
        assertThat(files).allSatisfy(p -> assertThat(p.getHeader("Content-Type").firstValue()).isEqualTo("image/png"));
        assertThat(Images.decode(files.get(0).getBody().asBytes()).getWidth()).isEqualTo(300);
        assertThat(Images.decode(files.get(1).getBody().asBytes()).getWidth()).isEqualTo(150);
        BufferedImage mask = Images.decode(files.get(2).getBody().asBytes());
        assertThat(new int[] {mask.getWidth(), mask.getHeight()}).containsExactly(300, 200);
        assertThat(mask.getRGB(20, 100) >>> 24).isZero();
        assertThat(mask.getRGB(280, 100) >>> 24).isEqualTo(255);
        Map<String, String> values = values(sent);
        assertThat(values).containsEntry("model", "gpt-image-1").containsEntry("input_fidelity", "high")
                .containsEntry("size", "1536x1024").doesNotContainKeys("response_format", "moderation");
    }

    @Test
    void should_send_openai_one_plain_image_part_when_one_image_is_edited() throws Exception {
        stubs.openAiEdit(ImageFormat.PNG, 1024, 1024);

        provider.client().images().edit(ImageEditParams.builder().model("gpt-image-1.5").prompt("make it night")
                .image(png(solid(200, 200, Color.YELLOW))).build());

        assertThat(files(only(OPENAI + "/images/edits"))).extracting(Request.Part::getName).containsExactly("image");
    }

    @Test
    void should_send_fal_fill_the_image_and_a_luminance_mask_as_data_uris_when_the_caller_sends_an_alpha_mask()
            throws Exception {
        stubs.falImages("fal-ai/flux-pro/v1/fill", "fill-req-1", ImageFormat.JPEG, 300, 200);

        ImagesResponse response = provider.client().images().edit(ImageEditParams.builder()
                .model("fal/flux-fill-pro")
                .prompt("a window in the wall")
                .image(png(solid(300, 200, Color.GRAY)))
                .mask(png(leftHalfTransparent(300, 200)))
                .outputFormat(ImageEditParams.OutputFormat.JPEG)
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(response), "jpeg", 300, 200);
        JsonObject body = new JsonObject(only(FAL + "/fal-ai/flux-pro/v1/fill").getBodyAsString());
        assertThat(body.fieldNames()).contains("image_url", "mask_url").doesNotContain("image_size", "aspect_ratio");
        BufferedImage mask = Images.decode(dataUri(body.getString("mask_url"), "image/png"));
        assertThat(grey(mask, 20, 100)).isEqualTo(255);
        assertThat(grey(mask, 280, 100)).isZero();
        assertThat(Images.decode(dataUri(body.getString("image_url"), "image/png")).getWidth()).isEqualTo(300);
        assertThat(metadataOf(response).get("mask")).isEqualTo(Map.of("received", "alpha", "sent", "luminance",
                "resized", false));
    }

    @Test
    void should_send_bfl_fill_bare_base64_image_and_luminance_mask() throws Exception {
        stubs.bflReady("flux-pro-1.0-fill", "bfl-fill-1", ImageFormat.PNG, 256, 256);

        ImagesResponse response = provider.client().images().edit(ImageEditParams.builder()
                .model("bfl/flux-fill-pro")
                .prompt("a cat on the sofa")
                .image(png(solid(256, 256, Color.ORANGE)))
                .mask(png(leftHalfWhite(128, 128)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(response), "png", 256, 256);
        LoggedRequest sent = only(BFL + "/flux-pro-1.0-fill");
        assertThat(sent.getHeader("x-key")).isEqualTo(ProviderStubs.BFL_KEY);
        JsonObject body = new JsonObject(sent.getBodyAsString());
        BufferedImage mask = Images.decode(Base64.getDecoder().decode(body.getString("mask")));
        // Sent luminance, scaled to the image.
        assertThat(new int[] {mask.getWidth(), mask.getHeight()}).containsExactly(256, 256);
        assertThat(grey(mask, 10, 128)).isEqualTo(255);
        assertThat(grey(mask, 245, 128)).isZero();
        assertThat(Images.decode(Base64.getDecoder().decode(body.getString("image"))).getWidth()).isEqualTo(256);
    }

    @Test
    void should_send_gemini_each_image_as_inline_data_after_the_text() throws Exception {
        stubs.geminiImage("gemini-2.5-flash-image", 1184, 864);
        List<InputStream> two = List.of(new ByteArrayInputStream(png(solid(400, 300, Color.BLUE))),
                new ByteArrayInputStream(jpeg(solid(120, 120, Color.GREEN))));

        ImagesResponse response = provider.client().images().edit(ImageEditParams.builder()
                .model("gemini/gemini-2.5-flash-image")
                .prompt("put the green tile on the blue table")
                .image(ImageEditParams.Image.ofInputStreams(two))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(response), "png", 1184, 864);
        JsonArray parts = new JsonObject(only(GEMINI + "/models/gemini-2.5-flash-image:generateContent").getBodyAsString())
                .getJsonArray("contents").getJsonObject(0).getJsonArray("parts");
        assertThat(parts.getJsonObject(0).getString("text")).isEqualTo("put the green tile on the blue table");
        assertThat(parts.getJsonObject(1).getJsonObject("inline_data").getString("mime_type")).isEqualTo("image/png");
        assertThat(parts.getJsonObject(2).getJsonObject("inline_data").getString("mime_type")).isEqualTo("image/jpeg");
        assertThat(Images.decode(Base64.getDecoder().decode(parts.getJsonObject(1).getJsonObject("inline_data")
                .getString("data"))).getWidth()).isEqualTo(400);
    }

    @Test
    void should_send_stability_inpaint_the_image_and_luminance_mask_files() throws Exception {
        stubs.stabilityInpaint(ImageFormat.PNG, 320, 240);

        ImagesResponse response = provider.client().images().edit(ImageEditParams.builder()
                .model("stable-image-inpaint")
                .prompt("a red door")
                .image(png(solid(320, 240, Color.WHITE)))
                .mask(png(leftHalfTransparent(320, 240)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(response), "png", 320, 240);
        LoggedRequest sent = only(STABILITY + "/v2beta/stable-image/edit/inpaint");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + ProviderStubs.STABILITY_KEY);
        List<Request.Part> files = files(sent);
        assertThat(files).extracting(Request.Part::getName).containsExactly("image", "mask");
        BufferedImage mask = Images.decode(files.get(1).getBody().asBytes());
        assertThat(grey(mask, 20, 120)).isEqualTo(255);
        assertThat(grey(mask, 300, 120)).isZero();
        assertThat(values(sent)).containsEntry("prompt", "a red door").doesNotContainKey("aspect_ratio");
    }

    @Test
    void should_send_replicate_kontext_its_input_image_as_a_data_uri() throws Exception {
        stubs.replicateSucceeded("black-forest-labs/flux-kontext-pro", "rk1", false, ImageFormat.PNG, 1184, 880);

        ImagesResponse response = provider.client().images().edit(ImageEditParams.builder()
                .model("replicate/flux-kontext-pro")
                .prompt("make it a watercolor")
                .image(png(solid(400, 300, Color.PINK)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(response), "png", 1184, 880);
        JsonObject input = new JsonObject(only(REPLICATE + "/models/black-forest-labs/flux-kontext-pro/predictions")
                .getBodyAsString()).getJsonObject("input");
        assertThat(Images.decode(dataUri(input.getString("input_image"), "image/png")).getWidth()).isEqualTo(400);
        assertThat(input.getString("aspect_ratio")).isEqualTo("4:3");
    }

    @Test
    void should_fail_over_to_the_next_edit_route_when_the_first_provider_answers_500() throws Exception {
        provider.stubFor(post(urlEqualTo(GEMINI + "/models/gemini-2.5-flash-image:generateContent"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}")));
        // The two second-priority routes share a priority: whichever goes first serves.
        stubs.replicateSucceeded("google/gemini-2.5-flash-image", "rg1", false, ImageFormat.PNG, 1024, 1024);
        stubs.falImages("fal-ai/nano-banana/edit", "nb-1", ImageFormat.PNG, 1024, 1024);

        HttpResponseFor<ImagesResponse> raw = provider.client().images().withRawResponse().edit(ImageEditParams.builder()
                .model("gemini-2.5-flash-image")
                .prompt("add a hat")
                .image(png(solid(256, 256, Color.CYAN)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertImage(b64(raw.parse()), "png", 1024, 1024);
        assertThat(raw.headers().values("x-easel-attempts")).containsExactly("2");
        String served = raw.headers().values("x-easel-provider").get(0);
        assertThat(served).isIn("replicate", "fal");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) metadataOf(raw.parse()).get("attempts");
        assertThat(attempts.get(0)).containsEntry("provider", "gemini").containsEntry("status", "failed");
        assertThat(attempts.get(1)).containsEntry("provider", served);
        // The input image reached whichever provider served it, in its own field.
        String image = served.equals("fal")
                ? new JsonObject(only(FAL + "/fal-ai/nano-banana/edit").getBodyAsString()).getJsonArray("image_urls").getString(0)
                : new JsonObject(only(REPLICATE + "/models/google/gemini-2.5-flash-image/predictions").getBodyAsString())
                        .getJsonObject("input").getJsonArray("image_input").getString(0);
        assertThat(Images.decode(dataUri(image, "image/png")).getWidth()).isEqualTo(256);
    }

    // ------------------------------------------------------------------------------------------

    private static LoggedRequest only(String url) {
        List<LoggedRequest> matching = provider.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(url) && r.getMethod().getName().equals("POST")).toList();
        assertThat(matching).as(url).hasSize(1);
        return matching.get(0);
    }

    private static List<Request.Part> files(LoggedRequest request) {
        List<Request.Part> files = new ArrayList<>();
        for (Request.Part part : request.getParts()) {
            if (part.getHeader("Content-Disposition").firstValue().contains("filename=")) {
                files.add(part);
            }
        }
        return files;
    }

    private static Map<String, String> values(LoggedRequest request) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Request.Part part : request.getParts()) {
            if (!part.getHeader("Content-Disposition").firstValue().contains("filename=")) {
                values.put(part.getName(), part.getBody().asString());
            }
        }
        return values;
    }

    private static byte[] dataUri(String uri, String mediaType) {
        String prefix = "data:" + mediaType + ";base64,";
        assertThat(uri).startsWith(prefix);
        return Base64.getDecoder().decode(uri.substring(prefix.length()));
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    private static byte[] b64(ImagesResponse response) {
        return Base64.getDecoder().decode(response.data().orElseThrow().get(0).b64Json().orElseThrow());
    }

    private static void assertImage(byte[] bytes, String format, int width, int height) throws Exception {
        assertThat(Images.magic(bytes)).isEqualTo(format);
        BufferedImage image = Images.decode(bytes);
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(width, height);
    }

    private static Map<String, Object> metadataOf(ImagesResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) response._additionalProperties().get("metadata").convert(Map.class);
        return m;
    }
}
