package dev.easel.adapter.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.EditImages.alpha;
import static dev.easel.adapter.EditImages.decode;
import static dev.easel.adapter.openai.Fixtures.await;
import static dev.easel.adapter.openai.Fixtures.failure;
import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.EditImages;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenAI's multipart {@code POST /images/edits}, as the stub receives it, part by part. */
@ExtendWith(VertxExtension.class)
class OpenAiEditTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new OpenAiAdapterFactory().create(
                Fixtures.context(vertx, "openai", "openai", "http://127.0.0.1:" + wm.getPort() + "/v1", Map.of()));
        wm.stubFor(post(urlEqualTo("/v1/images/edits")).willReturn(okJson("{\"created\":1,\"data\":[{\"b64_json\":\""
                + OpenAiResponseMapperTest.PNG_B64 + "\"}],\"output_format\":\"webp\",\"usage\":{\"input_tokens\":300,"
                + "\"input_tokens_details\":{\"image_tokens\":260,\"text_tokens\":40},\"output_tokens\":10,\"total_tokens\":310}}")));
    }

    @Test
    void should_send_each_image_as_an_image_array_part_with_its_own_type_when_several_images_are_edited() throws Exception {
        List<InputImage> images = List.of(EditImages.png(300, 200, Color.BLUE), EditImages.jpeg(120, 80, Color.RED));

        AdapterResult result = await(adapter.generate(request("gpt-image-1").pixels(1536, 1024).outputFormat("webp")
                .outputCompression(80).quality("high").background("opaque").moderation("low").user("end-user-1")
                .inputFidelity("high").edit(images, EditImages.alphaMask(300, 200)).build()));

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        List<Request.Part> files = files(sent);
        assertThat(files).extracting(Request.Part::getName).containsExactly("image[]", "image[]", "mask");
        assertThat(files).extracting(p -> p.getHeader("Content-Type").firstValue())
                .containsExactly("image/png", "image/jpeg", "image/png");
        assertThat(files).allSatisfy(p -> assertThat(p.getHeader("Content-Disposition").firstValue()).contains("filename=\""));
        BufferedImage first = decode(files.get(0).getBody().asBytes());
        BufferedImage second = decode(files.get(1).getBody().asBytes());
        assertThat(EditImages.magic(files.get(1).getBody().asBytes())).isEqualTo("jpeg");
        assertThat(new int[] {first.getWidth(), first.getHeight(), second.getWidth(), second.getHeight()})
                .containsExactly(300, 200, 120, 80);
        BufferedImage mask = decode(files.get(2).getBody().asBytes());
        assertThat(mask.getWidth()).isEqualTo(300);
        assertThat(alpha(mask, 10, 100)).isZero();          // edit here: transparent
        assertThat(alpha(mask, 290, 100)).isEqualTo(255);   // keep here: opaque
        assertThat(values(sent)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "model", "gpt-image-1", "prompt", "a lighthouse at dusk", "n", "1", "size", "1536x1024",
                "output_format", "webp", "output_compression", "80", "quality", "high", "background", "opaque",
                "user", "end-user-1", "input_fidelity", "high"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.param()).isEqualTo("moderation"));
        assertThat(result.usage()).containsKey("input_tokens_details");
    }

    @Test
    void should_send_one_plain_image_part_when_one_image_is_edited() throws Exception {
        await(adapter.generate(request("gpt-image-1.5").edit(List.of(EditImages.png(64, 48, Color.GREEN)), null)
                .build()));

        LoggedRequest sent = onlyRequest();
        assertThat(files(sent)).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("image");
            assertThat(p.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
            assertThat(decode(p.getBody().asBytes()).getWidth()).isEqualTo(64);
        });
        assertThat(values(sent)).doesNotContainKeys("mask", "response_format", "moderation", "input_fidelity");
    }

    @Test
    void should_leave_out_input_fidelity_with_a_warning_when_model_is_gpt_image_1_mini() throws Exception {
        AdapterResult result = await(adapter.generate(request("gpt-image-1-mini").inputFidelity("high")
                .edit(List.of(EditImages.png(64, 64, Color.GREEN)), null).build()));

        assertThat(values(onlyRequest())).doesNotContainKey("input_fidelity").containsEntry("model", "gpt-image-1-mini");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.param()).isEqualTo("input_fidelity"));
    }

    @Test
    void should_ask_dall_e_2_for_base64_when_it_edits() throws Exception {
        await(adapter.generate(request("dall-e-2").pixels(512, 512)
                .edit(List.of(EditImages.png(512, 512, Color.GREEN)), EditImages.alphaMask(512, 512)).build()));

        assertThat(values(onlyRequest())).containsEntry("response_format", "b64_json").containsEntry("size", "512x512");
    }

    @Test
    void should_fail_invalid_request_without_calling_when_model_is_dall_e_3() throws Exception {
        ProviderException e = failure(adapter.generate(request("dall-e-3")
                .edit(List.of(EditImages.png(64, 64, Color.GREEN)), null).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_fail_invalid_request_when_dall_e_2_gets_two_images() throws Exception {
        ProviderException e = failure(adapter.generate(request("dall-e-2").edit(
                List.of(EditImages.png(64, 64, Color.GREEN), EditImages.png(64, 64, Color.RED)), null).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    private static LoggedRequest onlyRequest() {
        assertThat(wm.getAllServeEvents()).hasSize(1);
        LoggedRequest request = wm.getAllServeEvents().get(0).getRequest();
        assertThat(request.getUrl()).isEqualTo("/v1/images/edits");
        return request;
    }

    /** The file parts, in the order sent. */
    static List<Request.Part> files(LoggedRequest request) {
        List<Request.Part> files = new ArrayList<>();
        for (Request.Part part : request.getParts()) {
            if (part.getHeader("Content-Disposition").firstValue().contains("filename=")) {
                files.add(part);
            }
        }
        return files;
    }

    /** The plain form values by name; a repeated value name fails the test. */
    static Map<String, String> values(LoggedRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Request.Part part : request.getParts()) {
            if (!part.getHeader("Content-Disposition").firstValue().contains("filename=")) {
                assertThat(values.put(part.getName(), part.getBody().asString())).as(part.getName()).isNull();
            }
        }
        return values;
    }
}
