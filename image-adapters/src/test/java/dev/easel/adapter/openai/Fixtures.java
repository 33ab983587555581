package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.Capabilities;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Test-side builders shared by the openai, compat, gemini and stability adapter tests:
 * requests, contexts, and blocking waits (on the JUnit thread, never an event loop).
 */
public final class Fixtures {

    /** Looks like a real key so a leak would be obvious in any assertion output. */
    public static final String KEY = "sk-test-SECRET-0123456789abcdef";

    private Fixtures() {
    }

    public static ProviderContext context(Vertx vertx, String id, String adapter, String baseUrl,
                                          Map<String, Object> options) {
        ProviderConfig config = new ProviderConfig(id, adapter, baseUrl, KEY, List.of(), null,
                Duration.ofSeconds(30), options);
        return new ProviderContext(vertx, config, Clock.systemUTC(), vertx.createSharedWorkerExecutor("test"),
                new JobPoller(vertx, Clock.systemUTC()));
    }

    public static Request request(String model) {
        return new Request(model);
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** The ProviderException a future failed with; fails the test if it succeeded. */
    public static ProviderException failure(Future<?> future) throws Exception {
        try {
            Object value = await(future);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException p) {
                return p;
            }
            throw new AssertionError("expected a ProviderException", e.getCause());
        }
    }

    /** A mutable builder: tests set only what they are about. */
    public static final class Request {
        public String model;
        public String prompt = "a lighthouse at dusk";
        public int n = 1;
        public UpstreamSize size = new UpstreamSize.ProviderDefault();
        public String outputFormat = "png";
        public Integer outputCompression;
        public String quality;
        public String style;
        public String background;
        public String moderation;
        public String user;
        public Long seed;
        public String negativePrompt;
        public Map<String, Object> providerOptions = Map.of();
        public List<String> formats = List.of("png", "jpeg", "webp");
        public Instant deadline = Instant.now().plusSeconds(20);
        public String inputFidelity;
        /** An edit when not empty. */
        public List<InputImage> inputs = List.of();
        public InputImage mask;

        Request(String model) {
            this.model = model;
        }

        public Request n(int value) { n = value; return this; }
        public Request size(UpstreamSize value) { size = value; return this; }
        public Request pixels(int w, int h) { size = new UpstreamSize.Pixels(new Dim(w, h)); return this; }
        public Request ratio(String ratio, String tier) { size = new UpstreamSize.Ratio(ratio, tier); return this; }
        public Request outputFormat(String value) { outputFormat = value; return this; }
        public Request outputCompression(Integer value) { outputCompression = value; return this; }
        public Request quality(String value) { quality = value; return this; }
        public Request style(String value) { style = value; return this; }
        public Request background(String value) { background = value; return this; }
        public Request moderation(String value) { moderation = value; return this; }
        public Request user(String value) { user = value; return this; }
        public Request seed(Long value) { seed = value; return this; }
        public Request negativePrompt(String value) { negativePrompt = value; return this; }
        public Request providerOptions(Map<String, Object> value) { providerOptions = value; return this; }
        public Request formats(List<String> value) { formats = value; return this; }
        public Request deadline(Instant value) { deadline = value; return this; }
        public Request inputFidelity(String value) { inputFidelity = value; return this; }
        public Request edit(List<InputImage> images, InputImage maskImage) { inputs = images; mask = maskImage; return this; }

        public AdapterRequest build() {
            Capabilities caps = new Capabilities(new SizeStyle.AnySize(64, 4096, new Dim(1024, 1024)), 10, formats,
                    Set.of());
            OptionalParams params = new OptionalParams(outputCompression, quality, style, background, moderation, user,
                    seed, negativePrompt, inputFidelity);
            return new AdapterRequest("req-1", model, inputs.isEmpty() ? Operation.GENERATE : Operation.EDIT, prompt, n,
                    size, outputFormat, params, inputs, mask, providerOptions, caps, deadline,
                    Promise.<Void>promise().future());
        }
    }
}
