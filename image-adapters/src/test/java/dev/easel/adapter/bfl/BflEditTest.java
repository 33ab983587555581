package dev.easel.adapter.bfl;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.adapter.EditImages.decode;
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
import dev.easel.adapter.InputImage;
import dev.easel.adapter.poll.JobQueueStub;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BFL's edit endpoints: submit, poll Pending until Ready, images as bare base64; virtual time. */
@ExtendWith(VertxExtension.class)
class BflEditTest {

    @RegisterExtension
    static JobQueueStub api = JobQueueStub.of(new BflAdapterFactory(), "/v1");

    @BeforeEach
    void setUp(Vertx vertx) {
        api.start(vertx);
    }

    @Test
    void should_send_image_and_mask_as_bare_base64_without_a_size_when_fill_edits() throws Exception {
        task("flux-pro-1.0-fill");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.0-fill";
        r.size = new UpstreamSize.Pixels(new Dim(1024, 768));
        r.inputs = List.of(EditImages.png(320, 240, Color.BLUE));
        r.mask = EditImages.luminanceMask(320, 240);

        AdapterResult result = await(api.run(r.build()));

        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Url.class);
        JsonObject body = submitted("/v1/flux-pro-1.0-fill");
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("prompt", "output_format", "image", "mask");
        assertThat(body.getString("image")).doesNotStartWith("data:");
        BufferedImage image = decode(Base64.getDecoder().decode(body.getString("image")));
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(320, 240);
        BufferedImage mask = decode(Base64.getDecoder().decode(body.getString("mask")));
        assertThat(new int[] {mask.getWidth(), mask.getHeight()}).containsExactly(320, 240);
        assertThat(grey(mask, 5, 120)).isEqualTo(255);   // white = inpaint
        assertThat(grey(mask, 315, 120)).isZero();       // black = keep
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("size_ignored"));
        assertThat(polls()).isEqualTo(3);
    }

    @Test
    void should_number_eight_images_from_input_image_when_flux_2_edits() throws Exception {
        task("flux-2-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-2-pro";
        r.size = new UpstreamSize.Pixels(new Dim(1024, 768));
        List<InputImage> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(EditImages.png(40 + i, 30, Color.RED));
        }
        r.inputs = images;

        await(api.run(r.build()));

        JsonObject body = submitted("/v1/flux-2-pro");
        assertThat(body.fieldNames()).contains("input_image", "input_image_2", "input_image_8")
                .doesNotContain("input_image_1", "input_image_9");
        for (int i = 0; i < 8; i++) {
            String field = i == 0 ? "input_image" : "input_image_" + (i + 1);
            assertThat(decode(Base64.getDecoder().decode(body.getString(field))).getWidth()).as(field).isEqualTo(40 + i);
        }
        assertThat(body.getInteger("width")).isEqualTo(1024);
    }

    @Test
    void should_send_input_image_and_the_ratio_when_kontext_edits() throws Exception {
        task("flux-kontext-pro");
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-kontext-pro";
        r.size = new UpstreamSize.Ratio("4:3", null);
        r.inputs = List.of(EditImages.jpeg(200, 150, Color.GREEN));

        await(api.run(r.build()));

        JsonObject body = submitted("/v1/flux-kontext-pro");
        assertThat(body.getString("aspect_ratio")).isEqualTo("4:3");
        assertThat(EditImages.magic(Base64.getDecoder().decode(body.getString("input_image")))).isEqualTo("jpeg");
        assertThat(body.containsKey("input_image_2")).isFalse();
    }

    @Test
    void should_fail_invalid_request_without_a_call_when_kontext_gets_five_images() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-kontext-pro";
        r.inputs = List.of(EditImages.png(8, 8, Color.RED), EditImages.png(8, 8, Color.RED),
                EditImages.png(8, 8, Color.RED), EditImages.png(8, 8, Color.RED), EditImages.png(8, 8, Color.RED));

        failure(api.run(r.build()), ErrorKind.INVALID_REQUEST);

        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_fail_invalid_request_without_a_call_when_the_model_is_text_to_image_only() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1";
        r.inputs = List.of(EditImages.png(8, 8, Color.RED));

        failure(api.run(r.build()), ErrorKind.INVALID_REQUEST);

        assertThat(api.getAllServeEvents()).isEmpty();
    }

    private void task(String endpoint) {
        api.stubFor(post(urlEqualTo("/v1/" + endpoint)).willReturn(okJson("{\"id\":\"t1\",\"polling_url\":\"" + api.base()
                + "/v1/get_result?id=t1\",\"cost\":5.0,\"input_mp\":0.08,\"output_mp\":0.08}")));
        String poll = "/v1/get_result?id=t1";
        api.stubFor(get(urlEqualTo(poll)).inScenario("task").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.2}"))
                .willSetStateTo("p2"));
        api.stubFor(get(urlEqualTo(poll)).inScenario("task").whenScenarioStateIs("p2")
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.8}"))
                .willSetStateTo("ready"));
        api.stubFor(get(urlEqualTo(poll)).inScenario("task").whenScenarioStateIs("ready")
                .willReturn(okJson("""
                        {"id":"t1","status":"Ready","result":{"sample":"https://delivery-eu1.bfl.ai/results/t1/sample.png?sig=x",
                         "seed":5},"progress":null}""")));
    }

    private static JsonObject submitted(String path) {
        List<ServeEvent> posts = api.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")).toList();
        assertThat(posts).singleElement().satisfies(e -> {
            assertThat(e.getRequest().getUrl()).isEqualTo(path);
            assertThat(e.getRequest().getHeader("x-key")).isEqualTo(JobTestSupport.KEY);
        });
        return new JsonObject(posts.get(0).getRequest().getBodyAsString());
    }

    private static long polls() {
        return api.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/v1/get_result")).count();
    }
}
