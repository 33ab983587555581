package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.pipeline.ImagesBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ImagesBodySenderTest {

    @Test
    void should_send_each_image_as_base64_between_its_json_when_images_span_many_slices(Vertx vertx) throws Exception {
        // Lengths that end an image mid-slice, on a slice, and with every base64 padding case.
        byte[] first = random(5 * ImagesBodySender.SLICE + 1, 1);
        byte[] second = random(3 * ImagesBodySender.SLICE, 2);
        byte[] third = random(2, 3);
        ImagesBody sent = new ImagesBody(List.of(
                new ImagesBody.Text(Buffer.buffer("{\"data\":[{\"b64_json\":\"")), new ImagesBody.Image(first),
                new ImagesBody.Text(Buffer.buffer("\"},{\"b64_json\":\"")), new ImagesBody.Image(second),
                new ImagesBody.Text(Buffer.buffer("\"},{\"b64_json\":\"")), new ImagesBody.Image(third),
                new ImagesBody.Text(Buffer.buffer("\"}]}"))));
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> ImagesBodySender.send(vertx, req.response(), sent))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpClient client = vertx.createHttpClient();
        try {
            // The body is asked for inside the chain: chunks arriving before a handler is set would be lost.
            String[] contentLength = new String[1];
            Buffer received = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                    .compose(HttpClientRequest::send)
                    .compose(r -> {
                        contentLength[0] = r.getHeader("content-length");
                        return r.body();
                    })
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(contentLength[0]).isEqualTo(Long.toString(sent.length()));
            assertThat(received.length()).isEqualTo((int) sent.length());
            assertThat(received).isEqualTo(sent.toBuffer());
            var data = received.toJsonObject().getJsonArray("data");
            assertThat(Base64.getDecoder().decode(data.getJsonObject(0).getString("b64_json"))).isEqualTo(first);
            assertThat(Base64.getDecoder().decode(data.getJsonObject(1).getString("b64_json"))).isEqualTo(second);
            assertThat(Base64.getDecoder().decode(data.getJsonObject(2).getString("b64_json"))).isEqualTo(third);
        } finally {
            client.close();
            server.close();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
