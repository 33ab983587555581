package dev.easel.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A media host that trickles one byte every 50 ms (so no read timeout ever fires) must not
 * hold Easel's connections past the download's deadline, nor past the end of its request,
 * nor keep the same host's healthy images from being fetched meanwhile.
 */
@ExtendWith(VertxExtension.class)
class MediaFetcherLimitsTest {

    private static final int TRICKLING = 32;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger trickling = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private CountDownLatch allTrickling;
    private CountDownLatch allClosed;
    private MediaFetcher fetcher;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        allTrickling = new CountDownLatch(TRICKLING);
        allClosed = new CountDownLatch(TRICKLING);
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().startsWith("/slow")) {
                // Declares a large image, then sends it one byte at a time.
                req.response().putHeader("content-type", "image/png").putHeader("content-length", "100000");
                req.response().write(Buffer.buffer(new byte[] {(byte) 0x89}));
                trickling.incrementAndGet();
                allTrickling.countDown();
                long timer = vertx.setPeriodic(50, id -> req.response().write(Buffer.buffer(new byte[] {0})));
                req.connection().closeHandler(v -> {
                    vertx.cancelTimer(timer);
                    trickling.decrementAndGet();
                    closed.incrementAndGet();
                    allClosed.countDown();
                });
            } else {
                req.response().putHeader("content-type", "image/png").end(Buffer.buffer(PNG));
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fetcher != null) {
            fetcher.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private FetchPolicy policy() {
        return new FetchPolicy("fal", Set.of("127.0.0.1:" + server.actualPort()));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private static ProviderException failure(Future<?> future) {
        Throwable thrown = catchThrowable(() -> {
            try {
                future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }

    /** Waits until the server is trickling to {@code count} downloads. */
    private void awaitTrickling(int count) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        vertx.setPeriodic(10, id -> {
            if (trickling.get() == count) {
                vertx.cancelTimer(id);
                started.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void should_cut_trickling_downloads_at_their_deadline_while_healthy_images_of_the_host_succeed() throws Exception {
        fetcher = new MediaFetcher(vertx, new FetchSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(30), 64, Duration.ofSeconds(5)));
        List<Future<FetchedMedia>> slow = new ArrayList<>();
        Instant deadline = Instant.now().plusMillis(2500);
        for (int i = 0; i < TRICKLING; i++) {
            slow.add(fetcher.fetch(url("/slow/" + i), policy(), deadline, Promise.<Void>promise().future()));
        }
        assertThat(allTrickling.await(10, TimeUnit.SECONDS)).isTrue();

        FetchedMedia healthy = fetcher.fetch(url("/ok.png"), policy()).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(healthy.data()).isEqualTo(PNG);
        assertThat(trickling.get()).as("still trickling while the healthy image arrived").isEqualTo(TRICKLING);
        for (Future<FetchedMedia> f : slow) {
            ProviderException e = failure(f);
            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(e.getMessage()).contains("took longer than");
        }
        // Their connections are closed, not left to trickle on.
        assertThat(allClosed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fetcher.inFlight("127.0.0.1", server.actualPort())).isZero();
    }

    @Test
    void should_stop_the_download_and_close_its_connection_when_the_request_ends() throws Exception {
        fetcher = new MediaFetcher(vertx, FetchSettings.defaults());
        Promise<Void> requestEnded = Promise.promise();
        Future<FetchedMedia> slow = fetcher.fetch(url("/slow/x"), policy(), Instant.now().plusSeconds(60),
                requestEnded.future());
        awaitTrickling(1);

        requestEnded.complete();

        ProviderException e = failure(slow);
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("the request ended");
        CountDownLatch gone = new CountDownLatch(1);
        vertx.setPeriodic(10, id -> {
            if (closed.get() == 1) {
                vertx.cancelTimer(id);
                gone.countDown();
            }
        });
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void should_fail_a_queued_download_when_no_slot_of_its_host_frees_up_in_time() throws Exception {
        fetcher = new MediaFetcher(vertx, new FetchSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(30), 2, Duration.ofMillis(300)));
        Promise<Void> ended = Promise.promise();
        fetcher.fetch(url("/slow/1"), policy(), null, ended.future());
        fetcher.fetch(url("/slow/2"), policy(), null, ended.future());
        awaitTrickling(2);

        ProviderException e = failure(fetcher.fetch(url("/ok.png"), policy()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("too many downloads from the image host 127.0.0.1");
        assertThat(fetcher.inFlight("127.0.0.1", server.actualPort())).isEqualTo(2);
        ended.complete();
    }
}
