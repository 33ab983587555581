package dev.easel.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class GatewayTest {

    @TempDir
    Path dir;

    private Map<String, String> env(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("EASEL_CATALOG", System.getProperty("easel.catalog", "../model-catalog.yaml"));
        env.put("EASEL_STORAGE_DIR", dir.toString());
        return env;
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the start to fail");
    }

    @Test
    void should_fail_to_start_and_release_everything_when_the_port_is_taken(Vertx vertx) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = env(taken.getLocalPort());
            Throwable e = failure(Gateway.start(vertx, GatewayConfig.from(env), env::get, Clock.systemUTC()));
            assertThat(e).hasMessageContaining("Address already in use");
        }
        // Nothing was left deployed on the shared Vert.x instance.
        assertThat(vertx.deploymentIDs()).isEmpty();
    }

    @Test
    void should_fail_to_start_naming_the_file_and_key_when_the_catalog_is_wrong(Vertx vertx) throws Exception {
        Path catalog = dir.resolve("bad.yaml");
        Files.writeString(catalog, """
                providers:
                  local: { adapter: local }
                models:
                  m1:
                    routes:
                      - { provider: local, model: x, price_per_image: free, size: { style: any, min: 64, max: 64, default_size: 64x64 } }
                """);
        Map<String, String> env = env(0);
        env.put("EASEL_CATALOG", catalog.toString());
        Throwable e = failure(Gateway.start(vertx, GatewayConfig.from(env), env::get, Clock.systemUTC()));
        assertThat(e).hasMessageContaining("bad.yaml").hasMessageContaining("models.m1.routes[0].price_per_image");
    }

    @Test
    void should_serve_every_instance_and_link_to_one_real_port_when_port_is_0() throws Exception {
        try (var gateway = dev.easel.gateway.testing.RunningGateway.start(Map.of("PORT", "0", "EASEL_HTTP_INSTANCES", "3"))) {
            var http = java.net.http.HttpClient.newHttpClient();
            var ask = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + "/v1/images/generations"))
                    .header("content-type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"test-pattern\",\"prompt\":\"a port\",\"size\":\"64x64\",\"response_format\":\"url\"}"))
                    .build();

            var answer = http.send(ask, java.net.http.HttpResponse.BodyHandlers.ofString());
            String url = new io.vertx.core.json.JsonObject(answer.body()).getJsonArray("data").getJsonObject(0).getString("url");
            var image = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());

            assertThat(gateway.baseUrl()).doesNotEndWith(":0");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(url).startsWith(gateway.baseUrl() + "/v1/files/");
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
        }
    }
}
