package dev.easel.gateway.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class MediaFetcherTest {

    @RegisterExtension
    static WireMockExtension media = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final byte[] PNG = pngLike(2048);

    private Vertx vertx;
    private MediaFetcher fetcher;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.fetcher = new MediaFetcher(vertx, FetchSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        await(fetcher.close());
    }

    private static byte[] pngLike(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 13);
        }
        data[0] = (byte) 0x89;
        data[1] = 'P';
        data[2] = 'N';
        data[3] = 'G';
        return data;
    }

    /** fal trusting the media server's own address and port, as base_url's host:port is trusted. */
    private static FetchPolicy trustLoopback() {
        return new FetchPolicy("fal", Set.of("127.0.0.1:" + media.getPort()));
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + media.getPort() + path;
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ProviderException failure(Future<?> future) {
        Throwable thrown = catchThrowable(() -> await(future));
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }

    @Test
    void should_fetch_bytes_without_any_credential_header_when_host_is_trusted() throws Exception {
        media.stubFor(get("/files/img.png?token=abc").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        FetchedMedia fetched = await(fetcher.fetch(url("127.0.0.1", "/files/img.png?token=abc"), trustLoopback()));

        assertThat(fetched.data()).isEqualTo(PNG);
        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(fetched.finalUrl()).isEqualTo(url("127.0.0.1", "/files/img.png?token=abc"));
        media.verify(1, getRequestedFor(urlEqualTo("/files/img.png?token=abc"))
                .withoutHeader("Authorization")
                .withoutHeader("x-key")
                .withoutHeader("x-goog-api-key")
                .withoutHeader("Cookie")
                .withHeader("User-Agent", equalTo("easel-gateway")));
    }

    @Test
    void should_keep_original_host_header_when_trusted_name_resolves_to_loopback() throws Exception {
        media.stubFor(get("/img.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        FetchedMedia fetched = await(fetcher.fetch(url("localhost", "/img.png"), new FetchPolicy("local-sd", Set.of("LOCALHOST:" + media.getPort()))));

        assertThat(fetched.data()).isEqualTo(PNG);
        media.verify(1, getRequestedFor(urlEqualTo("/img.png")).withHeader("Host", equalTo("localhost:" + media.getPort())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/img.png", "http://[::1]:%d/img.png", "http://localhost:%d/img.png",
            "http://LocalHost.:%d/img.png", "http://[::ffff:127.0.0.1]:%d/img.png", "http://0.0.0.0:%d/img.png",
            "http://10.0.0.1/img.png", "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://[fd00:ec2::254]/latest/meta-data/", "http://100.64.0.1/img.png", "http://192.168.0.1/img.png",
            "https://172.16.0.1/img.png?token=SECRET"})
    void should_refuse_before_connecting_when_address_is_internal_and_host_untrusted(String template) {
        String url = String.format(template, media.getPort());
        media.stubFor(get(urlPathEqualTo("/img.png")).willReturn(aResponse().withBody(PNG)));

        // The policy trusts a public-looking name only, so none of these hosts is trusted.
        ProviderException e = failure(fetcher.fetch(url, new FetchPolicy("fal", Set.of("*.fal.media"))));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.provider()).isEqualTo("fal");
        assertThat(e.getMessage()).isEqualTo("refused to fetch an internal address from fal");
        assertThat(media.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_refuse_before_connecting_when_a_trusted_host_is_reached_on_another_port() {
        media.stubFor(get("/img.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        // Trusting 127.0.0.1 (no port: 80 and 443 only) or 127.0.0.1 on another port is no
        // licence to reach this port of the same machine.
        ProviderException noPort = failure(fetcher.fetch(url("127.0.0.1", "/img.png"),
                new FetchPolicy("fal", Set.of("127.0.0.1"))));
        ProviderException otherPort = failure(fetcher.fetch(url("127.0.0.1", "/img.png"),
                new FetchPolicy("fal", Set.of("127.0.0.1:" + (media.getPort() == 65535 ? 1 : media.getPort() + 1)))));

        assertThat(noPort.getMessage()).isEqualTo("refused to fetch an internal address from fal");
        assertThat(otherPort.getMessage()).isEqualTo("refused to fetch an internal address from fal");
        assertThat(media.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_refuse_redirect_when_it_moves_to_another_port_of_the_trusted_host() throws Exception {
        int otherPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            otherPort = socket.getLocalPort();
        }
        media.stubFor(get("/start").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + otherPort + "/admin")));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/start"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).isEqualTo("refused to fetch an internal address from fal");
    }

    @Test
    void should_refuse_redirect_when_it_leads_to_an_untrusted_name_on_loopback() {
        media.stubFor(get("/start").willReturn(aResponse().withStatus(302)
                .withHeader("Location", url("localhost", "/internal-admin"))));
        media.stubFor(get("/internal-admin").willReturn(aResponse().withBody("secret")));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/start"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).isEqualTo("refused to fetch an internal address from fal");
        media.verify(1, getRequestedFor(urlEqualTo("/start")));
        media.verify(0, getRequestedFor(urlEqualTo("/internal-admin")));
    }

    @Test
    void should_follow_relative_redirect_when_it_stays_on_a_trusted_host() throws Exception {
        media.stubFor(get("/a").willReturn(aResponse().withStatus(307).withHeader("Location", "/b/img.png?sig=1")));
        media.stubFor(get("/b/img.png?sig=1").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        FetchedMedia fetched = await(fetcher.fetch(url("127.0.0.1", "/a"), trustLoopback()));

        assertThat(fetched.data()).isEqualTo(PNG);
        assertThat(fetched.finalUrl()).isEqualTo(url("127.0.0.1", "/b/img.png?sig=1"));
    }

    @Test
    void should_fail_when_redirects_exceed_the_limit() {
        media.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/loop"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).contains("redirected more than 3 times");
        media.verify(4, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void should_refuse_up_front_when_content_length_exceeds_the_cap() throws Exception {
        await(fetcher.close());
        fetcher = new MediaFetcher(vertx, new FetchSettings(1000, Duration.ofSeconds(5), Duration.ofSeconds(5), 3));
        media.stubFor(get("/big.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(pngLike(5000))));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/big.png"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_IMAGE);
        assertThat(e.getMessage()).isEqualTo("the image from fal is larger than the 1000 byte limit");
    }

    @Test
    void should_abort_stream_when_chunked_body_exceeds_the_cap() throws Exception {
        await(fetcher.close());
        fetcher = new MediaFetcher(vertx, new FetchSettings(1000, Duration.ofSeconds(5), Duration.ofSeconds(5), 3));
        // Chunked, so no Content-Length: only the streaming count can catch it.
        media.stubFor(get("/stream.png").willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(pngLike(5000)).withChunkedDribbleDelay(10, 200)));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/stream.png"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_IMAGE);
    }

    @Test
    void should_accept_body_when_it_is_exactly_the_cap() throws Exception {
        await(fetcher.close());
        fetcher = new MediaFetcher(vertx, new FetchSettings(1000, Duration.ofSeconds(5), Duration.ofSeconds(5), 3));
        media.stubFor(get("/exact.png").willReturn(aResponse().withBody(pngLike(1000)).withChunkedDribbleDelay(4, 50)));

        FetchedMedia fetched = await(fetcher.fetch(url("127.0.0.1", "/exact.png"), trustLoopback()));

        assertThat(fetched.data()).hasSize(1000);
        assertThat(fetched.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void should_map_to_unavailable_when_media_host_answers_503() {
        media.stubFor(get("/img.png?token=SECRET").willReturn(aResponse().withStatus(503)));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/img.png?token=SECRET"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.upstreamStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("SECRET").doesNotContain("/img.png");
    }

    @Test
    void should_map_to_upstream_when_media_host_answers_404() {
        media.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404)));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/gone.png"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.upstreamStatus()).isEqualTo(404);
    }

    @Test
    void should_map_to_unavailable_when_read_times_out() throws Exception {
        await(fetcher.close());
        fetcher = new MediaFetcher(vertx, new FetchSettings(1000, Duration.ofSeconds(5), Duration.ofMillis(300), 3));
        media.stubFor(get("/slow.png?token=SECRET").willReturn(aResponse().withBody(PNG).withFixedDelay(3000)));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/slow.png?token=SECRET"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("timed out").doesNotContain("SECRET");
    }

    @Test
    void should_deliver_the_image_when_the_first_connection_is_closed_before_any_answer() throws Exception {
        media.stubFor(get("/paid.png").inScenario("stale connection").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset once"));
        media.stubFor(get("/paid.png").inScenario("stale connection").whenScenarioStateIs("reset once")
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        FetchedMedia fetched = await(fetcher.fetch(url("127.0.0.1", "/paid.png"), trustLoopback()));

        assertThat(fetched.data()).isEqualTo(PNG);
        media.verify(2, getRequestedFor(urlEqualTo("/paid.png")));
    }

    @Test
    void should_fail_after_one_more_try_when_every_connection_is_closed_before_any_answer() {
        media.stubFor(get("/reset.png").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProviderException e = failure(fetcher.fetch(url("127.0.0.1", "/reset.png"), trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("connection failed");
        media.verify(2, getRequestedFor(urlEqualTo("/reset.png")));
    }

    @Test
    void should_map_to_unavailable_when_connection_is_refused() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ProviderException e = failure(fetcher.fetch("http://127.0.0.1:" + closedPort + "/x.png",
                new FetchPolicy("fal", Set.of("127.0.0.1:" + closedPort))));

        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.upstreamStatus()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/x.png", "gopher://127.0.0.1:70/", "jar:file:/x!/y",
            "http://user:pass@127.0.0.1/x.png", "/relative/only.png", "http:///nohost", "not a url"})
    void should_refuse_url_when_it_is_not_plain_http(String url) {
        ProviderException e = failure(fetcher.fetch(url, trustLoopback()));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).startsWith("refused").endsWith("from fal").doesNotContain("pass");
        assertThat(media.getAllServeEvents()).isEmpty();
    }
}
