package dev.easel.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LocalImageAdapterTest {

    private static final Capabilities CAPABILITIES = new Capabilities(
            new SizeStyle.AnySize(64, 4096, Dim.parse("1024x1024")), 10, List.of("png"), Set.of(OptionalParam.SEED));

    private WorkerExecutor worker;
    private ImageAdapter adapter;

    @BeforeEach
    void setUp(Vertx vertx) {
        worker = vertx.createSharedWorkerExecutor("local-adapter-test", 2);
        ProviderConfig config = new ProviderConfig("local", "local", null, null, null, null, Duration.ofSeconds(30), null);
        adapter = new LocalAdapterFactory().create(new ProviderContext(vertx, config, Clock.systemUTC(), worker,
                new JobPoller(vertx, Clock.systemUTC())));
    }

    @AfterEach
    void tearDown() {
        worker.close();
    }

    private static AdapterRequest request(int n, UpstreamSize size, Long seed, Future<Void> abandoned) {
        return AdapterRequest.generate("req-1", "test-pattern", "a lighthouse in a storm", n, size, "png",
                new OptionalParams(null, null, null, null, null, null, seed, null), null, CAPABILITIES,
                Instant.now().plusSeconds(30), abandoned);
    }

    private static BufferedImage decode(GeneratedImage image) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(((GeneratedImage.Bytes) image).data()));
    }

    @Test
    void should_return_n_distinct_pngs_of_the_asked_size_when_rendering_on_the_worker(Vertx vertx, VertxTestContext ctx) {
        vertx.runOnContext(v -> {
            Future<AdapterResult> result = adapter.generate(request(3, new UpstreamSize.Pixels(Dim.parse("320x200")), 9L,
                    Promise.<Void>promise().future()));
            // Rendering happens on the worker: the event loop gets a pending future back.
            ctx.verify(() -> assertThat(result.isComplete()).isFalse());
            result.onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                assertThat(r.images()).hasSize(3).allSatisfy(image -> {
                    assertThat(image.mediaType()).isEqualTo("image/png");
                    BufferedImage decoded = decode(image);
                    assertThat(decoded.getWidth()).isEqualTo(320);
                    assertThat(decoded.getHeight()).isEqualTo(200);
                });
                assertThat(r.images().stream().map(i -> ByteBuffer.wrap(((GeneratedImage.Bytes) i).data())).distinct())
                        .hasSize(3);
                // Image i uses seed + i, so the second image is the first image of seed 10.
                assertThat(((GeneratedImage.Bytes) r.images().get(1)).data())
                        .isEqualTo(TestPatternRenderer.render("a lighthouse in a storm", 10, 320, 200));
                assertThat(r.metadata()).containsEntry("seed", 9L);
                ctx.completeNow();
            })));
        });
    }

    @Test
    void should_render_the_style_default_when_sent_provider_default(VertxTestContext ctx) {
        adapter.generate(request(1, new UpstreamSize.ProviderDefault(), null, Promise.<Void>promise().future()))
                .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
                    assertThat(decode(r.images().get(0)).getWidth()).isEqualTo(1024);
                    ctx.completeNow();
                })));
    }

    @Test
    void should_fail_as_invalid_request_when_sent_a_ratio(VertxTestContext ctx) {
        adapter.generate(request(1, new UpstreamSize.Ratio("16:9", null), null, Promise.<Void>promise().future()))
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertThat(e).isInstanceOf(ProviderException.class);
                    assertThat(((ProviderException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    ctx.completeNow();
                })));
    }

    @Test
    void should_skip_rendering_when_the_request_was_abandoned(VertxTestContext ctx) {
        adapter.generate(request(2, new UpstreamSize.Pixels(Dim.parse("64x64")), null, Future.succeededFuture()))
                .onComplete(ctx.failing(e -> ctx.verify(() -> {
                    assertThat(((ProviderException) e).kind()).isEqualTo(ErrorKind.TIMEOUT);
                    ctx.completeNow();
                })));
    }
}
