package dev.easel.adapter.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.adapter.EditImages.decode;
import static dev.easel.adapter.EditImages.fromDataUri;
import static dev.easel.adapter.EditImages.grey;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.EditImages;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.poll.JobQueueStub;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fal's edit apps through the queue (IN_QUEUE, IN_PROGRESS, COMPLETED), on virtual time. */
@ExtendWith(VertxExtension.class)
class FalEditTest {

    @RegisterExtension
    static JobQueueStub wm = JobQueueStub.of(new FalAdapterFactory(), "");

    @BeforeEach
    void setUp(Vertx vertx) {
        wm.start(vertx);
    }

    @Test
    void should_send_image_and_luminance_mask_as_data_uris_when_flux_fill_edits() throws Exception {
        queue("fal-ai/flux-pro/v1/fill", "fal-ai/flux-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/v1/fill";
        r.size = new UpstreamSize.Ratio("3:2", null);
        r.outputFormat = "png";
        r.inputs = List.of(EditImages.jpeg(300, 200, Color.BLUE));
        r.mask = EditImages.luminanceMask(300, 200);

        AdapterResult result = await(wm.run(r.build()));

        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://v3.fal.media/files/out.png", "image/png", null));
        JsonObject body = submitted("/fal-ai/flux-pro/v1/fill");
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("prompt", "num_images", "output_format", "image_url",
                "mask_url");
        BufferedImage image = decode(fromDataUri(body.getString("image_url"), "image/jpeg"));
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(300, 200);
        BufferedImage mask = decode(fromDataUri(body.getString("mask_url"), "image/png"));
        assertThat(new int[] {mask.getWidth(), mask.getHeight()}).containsExactly(300, 200);
        assertThat(grey(mask, 10, 100)).isEqualTo(255);  // white = fill
        assertThat(grey(mask, 290, 100)).isZero();       // black = keep
        assertThat(statusChecks()).isEqualTo(3);
    }

    @Test
    void should_send_one_image_url_and_the_ratio_when_kontext_edits() throws Exception {
        queue("fal-ai/flux-pro/kontext", "fal-ai/flux-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/kontext";
        r.size = new UpstreamSize.Ratio("4:3", null);
        r.inputs = List.of(EditImages.png(256, 192, Color.RED));

        await(wm.run(r.build()));

        JsonObject body = submitted("/fal-ai/flux-pro/kontext");
        assertThat(body.getString("aspect_ratio")).isEqualTo("4:3");
        assertThat(body.containsKey("image_urls")).isFalse();
        assertThat(decode(fromDataUri(body.getString("image_url"), "image/png")).getWidth()).isEqualTo(256);
    }

    @Test
    void should_send_every_image_in_order_as_image_urls_when_flux_2_edit_edits() throws Exception {
        queue("fal-ai/flux-2-pro/edit", "fal-ai/flux-2-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-2-pro/edit";
        r.capabilities = JobTestSupport.capabilities(1, List.of("jpeg", "png"), java.util.Set.of("seed"));
        r.size = new UpstreamSize.Pixels(new Dim(1024, 768));
        r.inputs = List.of(EditImages.png(64, 64, Color.RED), EditImages.jpeg(96, 64, Color.GREEN),
                EditImages.png(32, 64, Color.BLUE));

        await(wm.run(r.build()));

        JsonObject body = submitted("/fal-ai/flux-2-pro/edit");
        JsonArray urls = body.getJsonArray("image_urls");
        assertThat(urls).hasSize(3);
        assertThat(decode(fromDataUri(urls.getString(0), "image/png")).getWidth()).isEqualTo(64);
        assertThat(decode(fromDataUri(urls.getString(1), "image/jpeg")).getWidth()).isEqualTo(96);
        assertThat(decode(fromDataUri(urls.getString(2), "image/png")).getWidth()).isEqualTo(32);
        assertThat(body.getJsonObject("image_size")).isEqualTo(new JsonObject().put("width", 1024).put("height", 768));
        assertThat(body.containsKey("num_images")).isFalse();
    }

    @Test
    void should_fail_invalid_request_without_a_call_when_the_model_is_text_to_image() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/kontext/text-to-image";
        r.inputs = List.of(EditImages.png(64, 64, Color.RED));

        failure(wm.run(r.build()), ErrorKind.INVALID_REQUEST);

        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_fail_invalid_request_when_kontext_gets_a_mask() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/kontext";
        r.inputs = List.of(EditImages.png(64, 64, Color.RED));
        r.mask = EditImages.luminanceMask(64, 64);

        failure(wm.run(r.build()), ErrorKind.INVALID_REQUEST);

        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    /** One job of {@code model} whose job URLs live under its app ({@code owner/app}, as fal-js builds them). */
    private void queue(String model, String app) {
        String job = "/" + app + "/requests/e1";
        String urls = "\"request_id\":\"e1\",\"response_url\":\"" + wm.base() + job + "\",\"status_url\":\"" + wm.base() + job
                + "/status\",\"cancel_url\":\"" + wm.base() + job + "/cancel\"";
        wm.stubFor(post(urlEqualTo("/" + model)).willReturn(okJson("{" + urls + ",\"status\":\"IN_QUEUE\",\"queue_position\":0}")));
        wm.stubFor(get(job + "/status").inScenario("job").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(202, "{" + urls + ",\"status\":\"IN_QUEUE\",\"queue_position\":1}")).willSetStateTo("running"));
        wm.stubFor(get(job + "/status").inScenario("job").whenScenarioStateIs("running")
                .willReturn(json(202, "{" + urls + ",\"status\":\"IN_PROGRESS\",\"logs\":[]}")).willSetStateTo("done"));
        wm.stubFor(get(job + "/status").inScenario("job").whenScenarioStateIs("done")
                .willReturn(json(200, "{" + urls + ",\"status\":\"COMPLETED\",\"logs\":[]}")));
        wm.stubFor(get(job).willReturn(okJson("""
                {"images":[{"url":"https://v3.fal.media/files/out.png","width":300,"height":200,"content_type":"image/png"}],
                 "timings":{"inference":2.1},"seed":42,"has_nsfw_concepts":[false],"prompt":"a red fox in snow"}""")));
    }

    private static JsonObject submitted(String path) {
        List<ServeEvent> posts = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")).toList();
        assertThat(posts).singleElement().satisfies(e -> assertThat(e.getRequest().getUrl()).isEqualTo(path));
        return new JsonObject(posts.get(0).getRequest().getBodyAsString());
    }

    private static long statusChecks() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().endsWith("/status")).count();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
