package dev.easel.adapter.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.adapter.EditImages.decode;
import static dev.easel.adapter.EditImages.fromDataUri;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.EditImages;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.poll.JobQueueStub;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicate's edit models: small images inline as data URIs, large ones through the Files
 * API; the prediction then goes starting, processing, succeeded. Virtual time.
 */
@ExtendWith(VertxExtension.class)
class ReplicateEditTest {

    @RegisterExtension
    static JobQueueStub wm = JobQueueStub.of(new ReplicateAdapterFactory(), "/v1");

    @BeforeEach
    void setUp(Vertx vertx) {
        wm.start(vertx);
    }

    @Test
    void should_upload_a_large_image_and_inline_a_small_one_when_flux_2_pro_edits() throws Exception {
        InputImage large = EditImages.noisePng(700, 700, 7);
        assertThat(large.data().length).isGreaterThan(1_000_000);
        wm.stubFor(post(urlEqualTo("/v1/files")).willReturn(json(201, """
                {"id":"f1","name":"input-0.png","content_type":"image/png","size":%d,"etag":"e","checksums":{},
                 "metadata":{},"created_at":"2026-01-01T00:00:00Z","expires_at":"2026-01-02T00:00:00Z",
                 "urls":{"get":"https://api.replicate.com/v1/files/f1"}}""".formatted(large.data().length))));
        prediction("black-forest-labs/flux-2-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "black-forest-labs/flux-2-pro";
        r.capabilities = JobTestSupport.capabilities(1, List.of("webp", "png", "jpeg"), java.util.Set.of("seed"));
        r.inputs = List.of(large, EditImages.jpeg(120, 90, Color.RED));

        AdapterResult result = await(wm.run(r.build()));

        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Url.class);
        LoggedRequest upload = only("/v1/files");
        assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer " + JobTestSupport.KEY);
        assertThat(upload.getParts()).singleElement().satisfies(part -> {
            assertThat(part.getName()).isEqualTo("content");
            assertThat(part.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
            assertThat(part.getHeader("Content-Disposition").firstValue()).contains("filename=\"input-0.png\"");
            assertThat(part.getBody().asBytes()).isEqualTo(large.data());
        });
        JsonObject input = new JsonObject(only("/v1/models/black-forest-labs/flux-2-pro/predictions").getBodyAsString())
                .getJsonObject("input");
        JsonArray images = input.getJsonArray("input_images");
        assertThat(images.getString(0)).isEqualTo("https://api.replicate.com/v1/files/f1");
        assertThat(decode(fromDataUri(images.getString(1), "image/jpeg")).getWidth()).isEqualTo(120);
        assertThat(images).hasSize(2);
        assertThat(input.getString("aspect_ratio")).isEqualTo("match_input_image");
    }

    @Test
    void should_send_one_input_image_and_the_ratio_when_kontext_edits() throws Exception {
        prediction("black-forest-labs/flux-kontext-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "black-forest-labs/flux-kontext-pro";
        r.size = new UpstreamSize.Ratio("4:3", null);
        r.inputs = List.of(EditImages.png(160, 120, Color.BLUE));

        await(wm.run(r.build()));

        JsonObject input = new JsonObject(only("/v1/models/black-forest-labs/flux-kontext-pro/predictions")
                .getBodyAsString()).getJsonObject("input");
        assertThat(decode(fromDataUri(input.getString("input_image"), "image/png")).getWidth()).isEqualTo(160);
        assertThat(input.getString("aspect_ratio")).isEqualTo("4:3");
        assertThat(wm.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().equals("/v1/files"));
    }

    @Test
    void should_send_image_input_as_an_array_when_gemini_flash_image_edits() throws Exception {
        prediction("google/gemini-2.5-flash-image");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "google/gemini-2.5-flash-image";
        r.inputs = List.of(EditImages.png(64, 64, Color.BLUE), EditImages.png(32, 32, Color.RED));

        await(wm.run(r.build()));

        JsonObject input = new JsonObject(only("/v1/models/google/gemini-2.5-flash-image/predictions")
                .getBodyAsString()).getJsonObject("input");
        assertThat(input.getJsonArray("image_input")).hasSize(2);
        assertThat(decode(fromDataUri(input.getJsonArray("image_input").getString(1), "image/png")).getWidth())
                .isEqualTo(32);
    }

    @Test
    void should_fail_invalid_request_without_any_call_when_the_model_takes_no_images() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "black-forest-labs/flux-schnell";
        r.inputs = List.of(EditImages.png(8, 8, Color.RED));

        failure(wm.run(r.build()), ErrorKind.INVALID_REQUEST);

        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /** A prediction of {@code model}: created starting, then processing, then succeeded. */
    private void prediction(String model) {
        wm.stubFor(post(urlEqualTo("/v1/models/" + model + "/predictions"))
                .willReturn(json(201, body(model, "starting", "null"))));
        wm.stubFor(get(urlEqualTo("/v1/predictions/p1")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, body(model, "processing", "null"))).willSetStateTo("done"));
        wm.stubFor(get(urlEqualTo("/v1/predictions/p1")).inScenario("p").whenScenarioStateIs("done")
                .willReturn(json(200, body(model, "succeeded", "\"https://replicate.delivery/xezq/out-0.png\""))));
    }

    private String body(String model, String status, String output) {
        return """
                {"id":"p1","model":"%s","version":"hidden","input":{},"output":%s,"error":null,"logs":"",
                 "status":"%s","source":"api","data_removed":false,"created_at":"2026-01-01T00:00:00Z",
                 "urls":{"get":"%s/v1/predictions/p1","cancel":"%s/v1/predictions/p1/cancel","web":"https://replicate.com/p/p1"}}"""
                .formatted(model, output, status, wm.base(), wm.base());
    }

    private static LoggedRequest only(String url) {
        List<LoggedRequest> matching = wm.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals(url) && r.getMethod().getName().equals("POST")).toList();
        assertThat(matching).as(url).hasSize(1);
        return matching.get(0);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
