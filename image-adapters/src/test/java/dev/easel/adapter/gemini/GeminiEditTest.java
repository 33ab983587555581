package dev.easel.adapter.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.EditImages.decode;
import static dev.easel.adapter.openai.Fixtures.await;
import static dev.easel.adapter.openai.Fixtures.failure;
import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.EditImages;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.openai.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gemini edits: the text part, then one {@code inline_data} part per image, in order. */
@ExtendWith(VertxExtension.class)
class GeminiEditTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String FLASH = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        adapter = new GeminiAdapterFactory().create(Fixtures.context(vertx, "gemini", "gemini",
                "http://127.0.0.1:" + wm.getPort() + "/v1beta", Map.of()));
        wm.stubFor(post(urlEqualTo(FLASH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(GeminiBodies.IMAGE)));
    }

    @Test
    void should_send_the_text_then_each_image_as_inline_data_when_editing() throws Exception {
        AdapterResult result = await(adapter.generate(request("gemini-2.5-flash-image").ratio("4:3", null)
                .edit(List.of(EditImages.png(200, 150, Color.BLUE), EditImages.jpeg(90, 60, Color.RED)), null).build()));

        assertThat(result.images()).isNotEmpty();
        JsonObject body = new JsonObject(wm.getAllServeEvents().get(0).getRequest().getBodyAsString());
        JsonArray parts = body.getJsonArray("contents").getJsonObject(0).getJsonArray("parts");
        assertThat(parts).hasSize(3);
        assertThat(parts.getJsonObject(0).getString("text")).isEqualTo("a lighthouse at dusk");
        JsonObject first = parts.getJsonObject(1).getJsonObject("inline_data");
        JsonObject second = parts.getJsonObject(2).getJsonObject("inline_data");
        assertThat(first.getString("mime_type")).isEqualTo("image/png");
        assertThat(second.getString("mime_type")).isEqualTo("image/jpeg");
        assertThat(decode(Base64.getDecoder().decode(first.getString("data"))).getWidth()).isEqualTo(200);
        assertThat(EditImages.magic(Base64.getDecoder().decode(second.getString("data")))).isEqualTo("jpeg");
        assertThat(body.getJsonObject("generationConfig").getJsonObject("imageConfig").getString("aspectRatio"))
                .isEqualTo("4:3");
    }

    @Test
    void should_fail_invalid_request_without_a_call_when_a_mask_is_sent() throws Exception {
        var e = failure(adapter.generate(request("gemini-2.5-flash-image")
                .edit(List.of(EditImages.png(64, 64, Color.BLUE)), EditImages.luminanceMask(64, 64)).build()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
