package dev.easel.adapter.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.EditImages.decode;
import static dev.easel.adapter.EditImages.grey;
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
import dev.easel.adapter.openai.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stability's {@code POST /v2beta/stable-image/edit/inpaint}: image and mask files, the rest form values. */
@ExtendWith(VertxExtension.class)
class StabilityEditTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String INPAINT = "/v2beta/stable-image/edit/inpaint";

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new StabilityAdapterFactory().create(Fixtures.context(vertx, "stability", "stability",
                "http://127.0.0.1:" + wm.getPort(), Map.of()));
        wm.stubFor(post(urlEqualTo(INPAINT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS")
                .withHeader("seed", "42").withBody(StabilityResponseMapperTest.PNG)));
    }

    @Test
    void should_send_image_and_luminance_mask_files_and_no_aspect_ratio_when_inpainting() throws Exception {
        AdapterResult result = await(adapter.generate(request("inpaint").ratio("3:2", null).seed(42L)
                .negativePrompt("blur").outputFormat("webp")
                .edit(List.of(EditImages.jpeg(300, 200, Color.BLUE)), EditImages.luminanceMask(300, 200)).build()));

        assertThat(result.images()).hasSize(1);
        LoggedRequest sent = wm.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getHeader("Accept")).isEqualTo("image/*");
        Map<String, Request.Part> parts = new LinkedHashMap<>();
        sent.getParts().forEach(p -> assertThat(parts.put(p.getName(), p)).as(p.getName()).isNull());
        assertThat(parts.keySet()).containsExactlyInAnyOrder("prompt", "image", "mask", "output_format", "seed",
                "negative_prompt");
        assertThat(parts.get("image").getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
        BufferedImage image = decode(parts.get("image").getBody().asBytes());
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(300, 200);
        assertThat(parts.get("mask").getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        BufferedImage mask = decode(parts.get("mask").getBody().asBytes());
        assertThat(grey(mask, 10, 100)).isEqualTo(255);   // white = inpaint
        assertThat(grey(mask, 290, 100)).isZero();        // black = keep
        assertThat(parts.get("output_format").getBody().asString()).isEqualTo("webp");
        assertThat(parts.get("seed").getBody().asString()).isEqualTo("42");
    }

    @Test
    void should_fail_invalid_request_without_a_call_when_a_generate_model_is_asked_to_edit() throws Exception {
        var e = failure(adapter.generate(request("core").edit(List.of(EditImages.png(64, 64, Color.BLUE)), null).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
