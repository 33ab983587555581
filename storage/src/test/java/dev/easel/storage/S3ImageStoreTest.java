package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class S3ImageStoreTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30Z");
    private static S3ProxyServer s3;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start("easel-test");
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static ImageObject png(String requestId) {
        byte[] data = new byte[4096];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        data[0] = (byte) 0x89;
        data[1] = 'P';
        data[2] = 'N';
        data[3] = 'G';
        return new ImageObject(requestId, 0, "png", "image/png", data, CREATED);
    }

    @Test
    void should_serve_identical_bytes_over_presigned_link_when_put() throws Exception {
        ImageObject image = png("req-presigned");
        try (S3ImageStore store = new S3ImageStore(s3.settings(null))) {
            StoredImage stored = store.put(image).get(30, TimeUnit.SECONDS);

            assertThat(stored.key()).matches("images/2026/11/21/[0-9a-f]{32}\\.png");
            assertThat(stored.url()).startsWith(s3.endpoint() + "/easel-test/" + stored.key() + "?")
                    .contains("X-Amz-Signature=").contains("X-Amz-Expires=900");

            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stored.url())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(image.data());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        }
    }

    @Test
    void should_store_content_type_and_cache_control_when_put() throws Exception {
        try (S3ImageStore store = new S3ImageStore(s3.settings(null)); S3AsyncClient client = s3.newClient()) {
            StoredImage stored = store.put(png("req-head")).get(30, TimeUnit.SECONDS);

            HeadObjectResponse head = client.headObject(b -> b.bucket(s3.bucket()).key(stored.key())).get(30, TimeUnit.SECONDS);
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
            assertThat(head.contentLength()).isEqualTo(4096L);
        }
    }

    @Test
    void should_refuse_unsigned_access_when_links_are_presigned() throws Exception {
        try (S3ImageStore store = new S3ImageStore(s3.settings(null))) {
            StoredImage stored = store.put(png("req-private")).get(30, TimeUnit.SECONDS);
            String unsigned = stored.url().substring(0, stored.url().indexOf('?'));

            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(unsigned)).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void should_return_public_base_url_plus_key_when_public_base_url_is_set() throws Exception {
        try (S3ImageStore store = new S3ImageStore(s3.settings("https://cdn.example.com/media/"))) {
            StoredImage stored = store.put(png("req-public")).get(30, TimeUnit.SECONDS);

            assertThat(stored.url()).isEqualTo("https://cdn.example.com/media/" + stored.key());
        }
    }

    @Test
    void should_fail_with_clear_message_without_secret_when_secret_is_wrong() {
        String wrongSecret = "wrong-secret-Zq81xKfP";
        S3Settings bad = new S3Settings(s3.bucket(), s3.endpoint(), S3ProxyServer.REGION, true, null,
                Duration.ofMinutes(5), S3ProxyServer.ACCESS_KEY, wrongSecret);
        try (S3ImageStore store = new S3ImageStore(bad)) {
            Throwable thrown = catchThrowable(() -> store.put(png("req-bad")).join());

            assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(StorageException.class);
            String message = thrown.getCause().getMessage();
            assertThat(message).startsWith("S3 rejected the credentials (")
                    .contains("for bucket 'easel-test'")
                    .doesNotContain(wrongSecret);
        }
    }

    @Test
    void should_fail_with_clear_message_when_access_key_is_unknown() {
        S3Settings bad = new S3Settings(s3.bucket(), s3.endpoint(), S3ProxyServer.REGION, true, null,
                Duration.ofMinutes(5), "nobody", "also-wrong-secret");
        try (S3ImageStore store = new S3ImageStore(bad)) {
            Throwable thrown = catchThrowable(() -> store.put(png("req-unknown")).join());

            assertThat(thrown.getCause()).isInstanceOf(StorageException.class)
                    .hasMessage("S3 rejected the credentials (InvalidAccessKeyId) for bucket 'easel-test'");
            assertThat(thrown.getCause().getMessage()).doesNotContain("also-wrong-secret");
        }
    }

    @Test
    void should_name_the_bucket_when_bucket_does_not_exist() {
        S3Settings missing = new S3Settings("no-such-bucket", s3.endpoint(), S3ProxyServer.REGION, true, null,
                Duration.ofMinutes(5), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (S3ImageStore store = new S3ImageStore(missing)) {
            Throwable thrown = catchThrowable(() -> store.put(png("req-missing")).join());

            assertThat(thrown.getCause()).isInstanceOf(StorageException.class)
                    .hasMessage("S3 bucket 'no-such-bucket' does not exist (NoSuchBucket)");
        }
    }

    @Test
    void should_fail_with_storage_exception_when_endpoint_is_unreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3Settings unreachable = new S3Settings("b", URI.create("http://127.0.0.1:" + closedPort), S3ProxyServer.REGION, true,
                null, Duration.ofMinutes(5), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (S3ImageStore store = new S3ImageStore(unreachable)) {
            Throwable thrown = catchThrowable(() -> store.put(png("req-down")).join());

            assertThat(thrown.getCause()).isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("S3 upload to bucket 'b' at 127.0.0.1:" + closedPort + " failed: ");
        }
    }
}
