package dev.easel.gateway.e2e;

import static dev.easel.gateway.testing.EditInputs.leftHalfTransparent;
import static dev.easel.gateway.testing.EditInputs.png;
import static dev.easel.gateway.testing.EditInputs.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/images/edits} end to end through openai-java's {@code images().edit(...)}
 * and the JSON shape over plain HTTP, on local routes only (a test catalog whose second local
 * provider stands in for another company), so every edit rule is tried with no network.
 */
class EditsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int MAX_INPUT_BYTES = 200_000;

    private static RunningGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(Map.of(
                "EASEL_CATALOG", "src/test/resources/edits-catalog.yaml",
                "EASEL_MAX_INPUT_BYTES", Integer.toString(MAX_INPUT_BYTES)));
        client = gateway.openAiClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @Test
    void should_keep_the_first_image_ratio_when_no_size_is_asked() throws IOException {
        ImagesResponse response = client.images().edit(ImageEditParams.builder()
                .model("test-pattern")
                .prompt("add a moon")
                .image(png(solid(400, 300, Color.BLUE)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        BufferedImage out = decode(response, 0);
        assertThat((double) out.getWidth() / out.getHeight()).isCloseTo(4.0 / 3, offset(0.01));
        assertThat(metadata(response)).containsEntry("provider", "local");
    }

    @Test
    void should_edit_only_inside_the_mask_when_an_alpha_mask_is_sent() throws IOException {
        ImagesResponse response = client.images().edit(ImageEditParams.builder()
                .model("test-pattern")
                .prompt("paint the left half")
                .image(png(solid(256, 256, Color.BLUE)))
                .mask(png(leftHalfTransparent(256, 256)))
                .size(ImageEditParams.Size.of("256x256"))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        BufferedImage out = decode(response, 0);
        assertThat(out.getWidth()).isEqualTo(256);
        // The kept half is the input, untouched; the edited half is the test pattern.
        assertThat(out.getRGB(200, 128) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(230, 30) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(countNot(out, 0x0000FF, 0, 120)).isGreaterThan(120 * 256 / 2);
        assertThat(mask(response)).containsEntry("received", "alpha").containsEntry("sent", "alpha")
                .containsEntry("resized", false);
    }

    @Test
    void should_convert_and_resize_the_mask_when_the_route_reads_luminance() throws IOException {
        ImagesResponse response = client.images().edit(ImageEditParams.builder()
                .model("edit-only")
                .prompt("fill the hole")
                .image(png(solid(512, 512, Color.GREEN)))
                .mask(png(leftHalfTransparent(64, 64)))
                .size(ImageEditParams.Size.of("256x256"))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertThat(mask(response)).containsEntry("received", "alpha").containsEntry("sent", "luminance")
                .containsEntry("resized", true);
        BufferedImage out = decode(response, 0);
        assertThat(out.getRGB(200, 128) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(countNot(out, 0x00FF00, 0, 120)).isGreaterThan(120 * 256 / 2);
    }

    @Test
    void should_skip_a_route_with_a_warning_and_serve_on_the_next_when_it_takes_fewer_images() throws IOException {
        List<InputStream> three = new ArrayList<>();
        for (Color c : List.of(Color.RED, Color.GREEN, Color.BLUE)) {
            three.add(new ByteArrayInputStream(png(solid(128, 128, c))));
        }
        ImagesResponse response = client.images().edit(ImageEditParams.builder()
                .model("one-or-four")
                .prompt("combine them")
                .image(ImageEditParams.Image.ofInputStreams(three))
                .n(2)
                .size(ImageEditParams.Size.of("128x128"))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertThat(response.data().orElseThrow()).hasSize(2);
        Map<String, Object> metadata = metadata(response);
        assertThat(metadata).containsEntry("provider", "backup");
        assertThat(String.valueOf(metadata.get("warnings"))).contains("route_skipped").contains("local/one-or-four");
        assertThat(((Map<?, ?>) metadata.get("cost")).get("amount").toString()).isEqualTo("0.06");
    }

    @Test
    void should_accept_the_json_shape_with_a_data_url() throws Exception {
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(solid(200, 100, Color.RED)));
        JsonObject body = new JsonObject()
                .put("model", "test-pattern")
                .put("prompt", "a kite")
                .put("images", new JsonArray().add(new JsonObject().put("image_url", dataUrl)))
                .put("output_format", "webp")
                .put("response_format", "b64_json");

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject json = new JsonObject(response.body());
        byte[] image = Base64.getDecoder().decode(json.getJsonArray("data").getJsonObject(0).getString("b64_json"));
        assertThat(Images.magic(image)).isEqualTo("webp");
        assertThat(json.getString("size")).matches("\\d+x\\d+");
        String[] wh = json.getString("size").split("x");
        assertThat(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1])).isCloseTo(2.0, offset(0.01));
    }

    @Test
    void should_refuse_a_private_image_url_naming_it() throws Exception {
        JsonObject body = new JsonObject()
                .put("model", "test-pattern")
                .put("prompt", "x")
                .put("images", new JsonArray().add(new JsonObject().put("image_url", "http://127.0.0.1:9/secret.png")));

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("param")).isEqualTo("images[0].image_url");
        assertThat(error.getString("code")).isEqualTo("invalid_request");
    }

    @Test
    void should_refuse_file_id_naming_it() throws Exception {
        JsonObject body = new JsonObject().put("model", "test-pattern").put("prompt", "x")
                .put("images", new JsonArray().add(new JsonObject().put("file_id", "file-123")));

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("param")).isEqualTo("images[0].file_id");
    }

    @Test
    void should_refuse_seventeen_images_naming_image() throws IOException {
        List<InputStream> many = new ArrayList<>();
        byte[] small = png(solid(64, 64, Color.RED));
        for (int i = 0; i < 17; i++) {
            many.add(new ByteArrayInputStream(small));
        }
        assertRefused(ImageEditParams.builder().model("test-pattern").prompt("x")
                .image(ImageEditParams.Image.ofInputStreams(many)).build(), "image");
    }

    @Test
    void should_refuse_more_images_than_any_route_takes_naming_image() throws IOException {
        List<InputStream> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new ByteArrayInputStream(png(solid(64, 64, Color.RED))));
        }
        assertRefused(ImageEditParams.builder().model("maskless").prompt("x")
                .image(ImageEditParams.Image.ofInputStreams(five)).build(), "image");
    }

    @Test
    void should_refuse_a_mask_on_a_route_without_masks_naming_mask() throws IOException {
        assertRefused(ImageEditParams.builder().model("maskless").prompt("x")
                .image(png(solid(64, 64, Color.RED))).mask(png(leftHalfTransparent(64, 64))).build(), "mask");
    }

    @Test
    void should_refuse_a_generation_only_model_and_list_the_models_that_edit() throws IOException {
        assertThatThrownBy(() -> client.images().edit(ImageEditParams.builder().model("generate-only").prompt("x")
                .image(png(solid(64, 64, Color.RED))).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("model");
                    assertThat(e.getMessage()).contains("test-pattern").contains("edit-only").doesNotContain("generate-only,");
                });
    }

    @Test
    void should_refuse_an_oversize_input_naming_image() throws IOException {
        byte[] noisy = png(noise(400, 400));
        assertThat(noisy.length).isGreaterThan(MAX_INPUT_BYTES);
        assertRefused(ImageEditParams.builder().model("test-pattern").prompt("x").image(noisy).build(), "image");
    }

    @Test
    void should_refuse_bytes_that_are_not_an_image_naming_the_part() throws IOException {
        assertRefused(ImageEditParams.builder().model("test-pattern").prompt("x")
                .image("<html>not an image</html>".getBytes()).build(), "image");
    }

    @Test
    void should_refuse_a_generation_on_an_edit_only_model() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("model", "edit-only").put("prompt", "x").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("param")).isEqualTo("model");
    }

    @Test
    void should_answer_a_conflict_when_the_same_key_comes_with_other_image_bytes() throws Exception {
        String key = "edit-" + System.nanoTime();
        HttpResponse<String> first = postMultipart(key, png(solid(64, 64, Color.RED)));
        HttpResponse<String> again = postMultipart(key, png(solid(64, 64, Color.RED)));
        HttpResponse<String> other = postMultipart(key, png(solid(64, 64, Color.BLUE)));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
    }

    // ---- helpers --------------------------------------------------------------------------

    private static void assertRefused(ImageEditParams params, String param) {
        assertThatThrownBy(() -> client.images().edit(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).contains(param);
                });
    }

    private static HttpResponse<String> post(JsonObject body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/edits"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A hand-written multipart body, so the test controls every byte of it. */
    private static HttpResponse<String> postMultipart(String idempotencyKey, byte[] image) throws Exception {
        String boundary = "easel-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nsame prompt\r\n").getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nb64_json\r\n").getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n64x64\r\n").getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes());
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes());
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/edits"))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .header("idempotency-key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(ImagesResponse response) {
        return (Map<String, Object>) response._additionalProperties().get("metadata").convert(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mask(ImagesResponse response) {
        return (Map<String, Object>) metadata(response).get("mask");
    }

    private static BufferedImage decode(ImagesResponse response, int i) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(response.data().orElseThrow().get(i).b64Json().orElseThrow());
        return Images.decode(bytes);
    }

    private static int countNot(BufferedImage image, int rgb, int x0, int x1) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
