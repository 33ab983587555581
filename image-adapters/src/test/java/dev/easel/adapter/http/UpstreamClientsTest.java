package dev.easel.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.openai.Fixtures;
import dev.easel.adapter.openai.OpenAiAdapterFactory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider answers are capped after decompression: a gzip bomb (half a megabyte that inflates
 * to 500 MB) fails at the cap, fast, as a failover-worthy provider error.
 */
@ExtendWith(VertxExtension.class)
class UpstreamClientsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            // WireMock must not compress (or decompress) on its own: the bytes go out as given.
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
            .build();

    /** 500 MB of a JSON string, gzipped: about 0.5 MB on the wire. */
    private static final byte[] BOMB = gzipBomb(500L * 1024 * 1024);

    private static byte[] gzipBomb(long inflated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write("{\"created\":1,\"data\":[{\"b64_json\":\"".getBytes());
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'A');
            for (long written = 0; written < inflated; written += block.length) {
                gz.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ProviderConfig config(Map<String, Object> options) {
        return new ProviderConfig("openai", "openai", "http://127.0.0.1:" + wm.getPort() + "/v1", "k", List.of(), null,
                Duration.ofSeconds(30), options);
    }

    @Test
    void should_fail_as_a_provider_error_at_the_cap_when_a_gzip_body_inflates_past_it(Vertx vertx) throws Exception {
        assertThat(BOMB.length).isLessThan(1024 * 1024);
        wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip").withBody(BOMB)));
        ImageAdapter adapter = new OpenAiAdapterFactory().create(Fixtures.context(vertx, "openai", "openai",
                "http://127.0.0.1:" + wm.getPort() + "/v1", Map.of()));
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long started = System.nanoTime();

        ProviderException e = Fixtures.failure(adapter.generate(Fixtures.request("gpt-image-1").build()));

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.kind().failover()).isTrue();
        assertThat(e.getMessage()).isEqualTo("openai answered a body larger than the "
                + UpstreamClients.DEFAULT_MAX_BODY_BYTES + " byte limit (after decompression)");
        // Inflating all 500 MB would take several seconds and as much heap; stopping at 100 MB does neither.
        assertThat(tookMs).isLessThan(30_000);
        assertThat(runtime.totalMemory() - runtime.freeMemory() - before).isLessThan(400L * 1024 * 1024);
        adapter.close();
    }

    @Test
    void should_refuse_before_reading_when_the_declared_length_passes_the_option(Vertx vertx) throws Exception {
        wm.stubFor(get(urlEqualTo("/v1/big")).willReturn(aResponse().withStatus(200).withBody(new byte[5000])));
        WebClient client = UpstreamClients.create(vertx, config(Map.of(UpstreamClients.MAX_BODY_OPTION, 4096)));

        ProviderException e = Fixtures.failure(client.getAbs("http://127.0.0.1:" + wm.getPort() + "/v1/big").send());

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).contains("4096 byte limit");
        client.close();
    }

    @Test
    void should_read_a_body_at_exactly_the_cap_when_it_is_chunked(Vertx vertx) throws Exception {
        wm.stubFor(get(urlEqualTo("/v1/exact")).willReturn(aResponse().withStatus(200).withBody(new byte[4096])
                .withChunkedDribbleDelay(4, 40)));
        WebClient client = UpstreamClients.create(vertx, config(Map.of(UpstreamClients.MAX_BODY_OPTION, "4096")));

        assertThat(Fixtures.await(client.getAbs("http://127.0.0.1:" + wm.getPort() + "/v1/exact").send()).body().length())
                .isEqualTo(4096);
        assertThat(UpstreamClients.maxBodyBytes(config(Map.of()))).isEqualTo(UpstreamClients.DEFAULT_MAX_BODY_BYTES);
        client.close();
    }
}
