package dev.easel.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Hosts images in an S3 bucket (AWS, MinIO, R2, S3Proxy, ...). Uploads are non-blocking on the
 * SDK's Netty client; links are presigned GETs or, with a public base URL, plain links.
 */
public final class S3ImageStore implements ImageStore {

    /** Keys embed the request id and never change content, so caches may keep them forever. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(120);

    private final S3Settings settings;
    private final S3AsyncClient client;
    private final S3Presigner presigner;
    private final String publicBase;

    public S3ImageStore(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        AwsCredentialsProvider credentials = settings.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        Region region = Region.of(settings.region());

        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .maxConcurrency(64))
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Since SDK 2.30 the default sends CRC trailers in aws-chunked bodies and demands
                // checksums back; S3Proxy, older MinIO and several S3 clones reject or lack them.
                // WHEN_REQUIRED keeps plain Content-MD5-free uploads that every S3 server accepts.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(API_CALL_TIMEOUT));
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        .build());
        URI endpoint = settings.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        }
        this.client = builder.build();
        this.presigner = presignerBuilder.build();
        this.publicBase = settings.publicBaseUrl() == null ? null : LocalImageStore.stripTrailingSlashes(settings.publicBaseUrl());
    }

    @Override
    public CompletableFuture<StoredImage> put(ImageObject image) {
        Objects.requireNonNull(image, "image");
        String key = ImageKeys.keyFor(image);
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                .contentType(image.contentType())
                .contentLength((long) image.data().length)
                .cacheControl(CACHE_CONTROL)
                .build();
        CompletableFuture<StoredImage> result;
        try {
            result = client.putObject(request, AsyncRequestBody.fromBytes(image.data()))
                    .thenApply(ignored -> new StoredImage(key, urlFor(key)));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        // handle+compose rather than exceptionally: the mapped failure must be the StorageException itself.
        return result.handle((stored, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return stored;
        });
    }

    /** {@code HeadBucket}: the bucket exists and these credentials reach it. */
    @Override
    public CompletableFuture<Void> checkReady() {
        CompletableFuture<Void> head;
        try {
            head = client.headBucket(HeadBucketRequest.builder().bucket(settings.bucket()).build()).thenApply(r -> null);
        } catch (RuntimeException e) {
            head = CompletableFuture.failedFuture(e);
        }
        return head.handle((ok, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return "s3 bucket '" + settings.bucket() + "'" + (settings.endpoint() == null ? "" : " at " + settings.endpoint())
                + " (region " + settings.region() + (settings.pathStyle() ? ", path-style" : "") + ")";
    }

    /** The link for a key: public when configured, else a presigned GET valid for the TTL. */
    String urlFor(String key) {
        if (publicBase != null) {
            return publicBase + "/" + key;
        }
        // Presigning is local HMAC work, no network: fine on any thread.
        return presigner.presignGetObject(GetObjectPresignRequest.builder()
                        .signatureDuration(settings.urlTtl())
                        .getObjectRequest(GetObjectRequest.builder().bucket(settings.bucket()).key(key).build())
                        .build())
                .url().toString();
    }

    /** Turns SDK failures into messages that say what to fix, without the SDK's raw text. */
    StorageException translate(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StorageException se) {
            return se;
        }
        String bucket = "'" + settings.bucket() + "'";
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String codeText = code == null ? "HTTP " + s3.statusCode() : code;
            if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "InvalidToken".equals(code) || "ExpiredToken".equals(code)) {
                return new StorageException("S3 rejected the credentials (" + codeText + ") for bucket " + bucket, e);
            }
            if ("NoSuchBucket".equals(code) || (s3.statusCode() == 404 && code == null)
                    || (s3.statusCode() == 404 && "NotFound".equals(code))) {
                return new StorageException("S3 bucket " + bucket + " does not exist (NoSuchBucket)", e);
            }
            if ("AccessDenied".equals(code) || s3.statusCode() == 403) {
                return new StorageException("S3 denied the upload (" + codeText + ") to bucket " + bucket
                        + ": the credentials lack s3:PutObject", e);
            }
            return new StorageException("S3 rejected the upload (" + codeText + ", HTTP " + s3.statusCode() + ") to bucket " + bucket, e);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new StorageException("S3 upload to bucket " + bucket + " timed out after " + API_CALL_TIMEOUT.toSeconds() + " s", e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
            return new StorageException("no S3 credentials found for bucket " + bucket
                    + ": set S3 access keys or configure the AWS default credential chain", e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = settings.endpoint() == null ? "" : " at " + settings.endpoint().getHost() + ":" + settings.endpoint().getPort();
        return new StorageException("S3 upload to bucket " + bucket + where + " failed: " + root.getClass().getSimpleName(), e);
    }

    @Override
    public void close() {
        try {
            presigner.close();
        } finally {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "S3ImageStore[" + settings + "]";
    }
}
