package dev.easel.gateway.bench;

import dev.easel.gateway.testing.ProviderStubs;
import dev.easel.media.ImageFormat;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fast OpenAI-shaped images API on 127.0.0.1, the Vert.x twin of {@code bench/openai-stub.mjs}:
 * {@code POST .../images/generations} answers at once with one 64x64 PNG as {@code b64_json}
 * and the GPT image fields ({@code created}, {@code output_format}, {@code size},
 * {@code quality}, {@code usage}); anything else is a 404 in OpenAI's error envelope. Several
 * server instances share the port, each on its own event loop, so the stub is never what a
 * fixed-rate run measures.
 */
final class OpenAiImageStub implements AutoCloseable {

    private final Buffer answer;
    private int port;

    private OpenAiImageStub() {
        answer = new JsonObject()
                .put("created", 1756548000)
                .put("data", new JsonArray().add(new JsonObject().put("b64_json",
                        Base64.getEncoder().encodeToString(ProviderStubs.image(ImageFormat.PNG, 64, 64)))))
                .put("output_format", "png").put("size", "64x64").put("quality", "high")
                .put("usage", new JsonObject().put("input_tokens", 9).put("output_tokens", 272).put("total_tokens", 281))
                .toBuffer();
    }

    static OpenAiImageStub start(Vertx vertx, int instances) throws TimeoutException, IOException {
        OpenAiImageStub stub = new OpenAiImageStub();
        // Vert.x 5 shares a port between server instances only when each asks for that port:
        // instances asking for port 0 get one port each, and one joining the port another got
        // by asking for 0 fails to bind. So a free port is picked first.
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            stub.port = probe.getLocalPort();
        }
        vertx.deployVerticle(() -> new Listener(stub, stub.port), new DeploymentOptions().setInstances(instances))
                .await(10, TimeUnit.SECONDS);
        return stub;
    }

    /** One server instance on its own event loop. */
    private static final class Listener extends VerticleBase {
        private final OpenAiImageStub stub;
        private final int port;

        Listener(OpenAiImageStub stub, int port) {
            this.stub = stub;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(stub::handle);
            return server.listen();
        }
    }

    /** What {@code OPENAI_BASE_URL} is set to. */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    int port() {
        return port;
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(ignored -> {
            if (req.method() == HttpMethod.POST && req.path().endsWith("/images/generations")) {
                req.response().putHeader("content-type", "application/json").end(answer);
            } else {
                req.response().setStatusCode(404).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
            }
        });
    }

    /** Nothing to do: the servers close with their Vert.x instance. */
    @Override
    public void close() {
    }
}
