package dev.easel.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.RunningGateway;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official openai-java SDK against the real gateway on the embedded default (no keys). */
class OpenAiSdkEndToEndTest {

    private static RunningGateway gateway;
    private static OpenAIClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        client = gateway.openAiClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"png,b64_json", "jpeg,b64_json", "webp,b64_json", "png,url", "jpeg,url", "webp,url"})
    void should_return_the_requested_format_and_size_when_called_through_the_sdk(String format, String responseFormat)
            throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("test-pattern")
                .prompt("a red fox in the snow")
                .size(ImageGenerateParams.Size.of("640x480"))
                .outputFormat(ImageGenerateParams.OutputFormat.of(format))
                .responseFormat(ImageGenerateParams.ResponseFormat.of(responseFormat))
                .build());

        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        byte[] bytes = responseFormat.equals("b64_json")
                ? Base64.getDecoder().decode(data.get(0).b64Json().orElseThrow())
                : download(data.get(0).url().orElseThrow(), "image/" + format);
        assertThat(Images.magic(bytes)).isEqualTo(format);
        BufferedImage image = Images.decode(bytes);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(response.outputFormat().orElseThrow().asString()).isEqualTo(format);
        assertThat(response.size().orElseThrow().asString()).isEqualTo("640x480");
    }

    @Test
    void should_return_n_distinct_images_with_metadata_and_headers_when_n_is_three() {
        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("test-pattern")
                .prompt("three lighthouses")
                .n(3)
                .size(ImageGenerateParams.Size.of("256x256"))
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());
        ImagesResponse response = raw.parse();
        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(3);
        assertThat(data.stream().map(i -> i.b64Json().orElseThrow()).distinct()).hasSize(3);
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("local");
        assertThat(raw.headers().values("x-easel-model")).containsExactly("test-pattern");
        assertThat(raw.headers().values("x-easel-attempts")).containsExactly("1");
        assertThat(raw.headers().values("x-request-id").get(0)).startsWith("req_");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) response._additionalProperties().get("metadata")
                .convert(Map.class);
        assertThat(metadata).containsEntry("provider", "local").containsEntry("model", "test-pattern");
        @SuppressWarnings("unchecked")
        Map<String, Object> normalization = (Map<String, Object>) metadata.get("normalization");
        assertThat(normalization).containsEntry("requested", "256x256").containsEntry("delivered", "256x256");
    }

    @Test
    void should_give_identical_bytes_when_prompt_seed_and_size_repeat() {
        ImageGenerateParams params = ImageGenerateParams.builder()
                .model("test-pattern")
                .prompt("deterministic")
                .size(ImageGenerateParams.Size.of("320x200"))
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .putAdditionalBodyProperty("seed", JsonValue.from(7))
                .build();
        String first = client.images().generate(params).data().orElseThrow().get(0).b64Json().orElseThrow();
        String second = client.images().generate(params).data().orElseThrow().get(0).b64Json().orElseThrow();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void should_raise_bad_request_naming_the_field_when_size_is_invalid() {
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("test-pattern").prompt("x").size(ImageGenerateParams.Size.of("99999x99999")).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).contains("size");
                    assertThat(e.code()).contains("invalid_request");
                });
    }

    @Test
    void should_raise_not_found_with_a_suggestion_when_the_model_is_unknown() {
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("flux-schnel").prompt("x").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.getMessage()).contains("flux-schnell");
                });
    }

    private static byte[] download(String url, String contentType) throws Exception {
        assertThat(url).startsWith(gateway.baseUrl() + "/v1/files/");
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains(contentType);
        return r.body();
    }
}
