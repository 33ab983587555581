package dev.easel.gateway.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.easel.gateway.Gateway;
import dev.easel.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway, started in-process on a free 127.0.0.1 port with the shipped catalog
 * and a temporary image folder, for end-to-end tests. Extra environment variables point
 * providers at WireMock stubs.
 */
public final class RunningGateway implements AutoCloseable {

    private final Vertx vertx;
    private final Gateway gateway;
    private final Path storageDir;
    private final int port;

    private RunningGateway(Vertx vertx, Gateway gateway, Path storageDir, int port) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.storageDir = storageDir;
        this.port = port;
    }

    public static RunningGateway start(Map<String, String> extraEnv) throws Exception {
        Path dir = Files.createTempDirectory("easel-images");
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(port));
        env.put("EASEL_CATALOG", System.getProperty("easel.catalog", "../model-catalog.yaml"));
        env.put("EASEL_STORAGE_DIR", dir.toString());
        env.putAll(extraEnv);
        GatewayConfig config = GatewayConfig.from(env);
        Vertx vertx = Vertx.vertx();
        try {
            Gateway gateway = Gateway.start(vertx, config, env::get, Clock.systemUTC())
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            return new RunningGateway(vertx, gateway, dir, gateway.port());
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    public static RunningGateway start() throws Exception {
        return start(Map.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The official openai-java client pointed at this gateway. No retries: a test must see
     * the gateway's first answer, not the SDK's second try.
     */
    public OpenAIClient openAiClient() {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/v1")
                .apiKey("unused-without-EASEL_API_KEYS")
                .maxRetries(0)
                .build();
    }

    public Path storageDir() {
        return storageDir;
    }

    /** The Vert.x instance the gateway runs on (to watch its event loops). */
    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return port;
    }

    public Gateway gateway() {
        return gateway;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
