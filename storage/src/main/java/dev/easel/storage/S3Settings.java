package dev.easel.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the S3 store uploads.
 *
 * @param endpoint        null for AWS itself; set for MinIO, R2, S3Proxy and other S3 servers
 * @param publicBaseUrl   null: links are presigned GETs valid {@code urlTtl}; set: links are
 *                        {@code publicBaseUrl + "/" + key} (a public bucket or a CDN in front)
 * @param accessKeyId     null: the AWS default credential chain (env, profile, instance role)
 * @param secretAccessKey required when {@code accessKeyId} is set; never printed
 */
public record S3Settings(String bucket, URI endpoint, String region, boolean pathStyle, String publicBaseUrl,
                         Duration urlTtl, String accessKeyId, String secretAccessKey) {

    /** SigV4 presigned URLs cannot live longer than seven days. */
    static final Duration MAX_URL_TTL = Duration.ofDays(7);

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(urlTtl, "urlTtl");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket must not be blank");
        }
        if (urlTtl.isNegative() || urlTtl.isZero() || urlTtl.compareTo(MAX_URL_TTL) > 0) {
            throw new IllegalArgumentException("S3 URL TTL must be between 1 second and 7 days, was " + urlTtl);
        }
        if (accessKeyId != null && secretAccessKey == null) {
            throw new IllegalArgumentException("an S3 access key id needs its secret access key");
        }
    }

    /** Hides the secret (and keeps the access key id, which is not secret and helps debugging). */
    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", publicBaseUrl=" + publicBaseUrl + ", urlTtl=" + urlTtl
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "****") + "]";
    }
}
