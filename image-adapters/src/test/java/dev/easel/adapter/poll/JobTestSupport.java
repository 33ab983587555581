package dev.easel.adapter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.PollSettings;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Builders and waits shared by the job-queue adapter tests (not a test itself). Those tests
 * run on virtual time: a {@link VirtualTimers} drives the poller and its {@link VirtualClock},
 * which starts at {@link #START}, is the adapter's clock.
 */
public final class JobTestSupport {

    public static final String KEY = "test-secret-key-123";
    public static final PollSettings FAST_POLL = new PollSettings(Duration.ofMillis(20), Duration.ofMillis(60), 1.5);
    /** Where every test's virtual clock starts; request deadlines are counted from it. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private JobTestSupport() {
    }

    public static ProviderConfig config(String id, String baseUrl) {
        return new ProviderConfig(id, id, baseUrl, KEY, List.of(), FAST_POLL, Duration.ofSeconds(30), Map.of());
    }

    /** Fresh virtual time for one test, starting at {@link #START}. */
    public static VirtualTimers virtualTime() {
        return new VirtualTimers(new VirtualClock(START));
    }

    /** A provider context on {@code time}: its clock, and a poller whose waits are its timers. */
    public static ProviderContext context(Vertx vertx, ProviderConfig config, VirtualTimers time) {
        return new ProviderContext(vertx, config, time.clock(), vertx.createSharedWorkerExecutor("test"),
                new JobPoller(vertx, time.clock(), time));
    }

    /** {@code params} by their wire names, as a catalog lists them. */
    public static Capabilities capabilities(int maxImages, List<String> formats, Set<String> params) {
        SizeStyle style = new SizeStyle.AnySize(64, 4096, new Dim(1024, 1024));
        return new Capabilities(style, maxImages, formats, params.stream()
                .map(p -> OptionalParam.fromWireName(p).orElseThrow()).collect(Collectors.toSet()));
    }

    /** A mutable request builder: tests change only what they are about. */
    public static final class Req {
        public String model = "some/model";
        public String prompt = "a red fox in snow";
        public int n = 1;
        public UpstreamSize size = new UpstreamSize.ProviderDefault();
        public String outputFormat = "png";
        public Integer outputCompression;
        public String quality;
        public String style;
        public String user;
        public Long seed;
        public String negativePrompt;
        public Map<String, Object> options = Map.of();
        public Capabilities capabilities = capabilities(4, List.of("jpeg", "png"), Set.of("seed"));
        public Instant deadline = START.plusSeconds(10);
        public Future<Void> abandoned = Promise.<Void>promise().future();
        /** An edit when not empty. */
        public List<InputImage> inputs = List.of();
        public InputImage mask;

        public AdapterRequest build() {
            return new AdapterRequest("req-1", model, inputs.isEmpty() ? Operation.GENERATE : Operation.EDIT, prompt, n,
                    size, outputFormat,
                    new OptionalParams(outputCompression, quality, style, null, null, user, seed, negativePrompt),
                    inputs, mask, options, capabilities, deadline, abandoned);
        }
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    public static ProviderException failure(Future<?> future, ErrorKind kind) {
        try {
            future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProviderException.class);
            ProviderException pe = (ProviderException) e.getCause();
            assertThat(pe.kind()).as(pe.getMessage()).isEqualTo(kind);
            assertThat(pe.getMessage()).doesNotContain(KEY);
            return pe;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a " + kind + " failure");
    }
}
