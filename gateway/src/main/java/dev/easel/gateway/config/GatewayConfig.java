package dev.easel.gateway.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Server settings, read once from the environment at start (README "Configuration").
 * Anything malformed stops the start with a message naming the variable.
 */
public record GatewayConfig(
        String host,
        int port,
        Path catalogPath, // EASEL_CATALOG, or null: then ./model-catalog.yaml, else the built-in one
        List<String> apiKeys,
        Storage storage,
        Path storageDir,
        String publicUrl,
        S3 s3,
        Duration requestTimeout,
        Rehost rehost,
        long maxBodyBytes,
        long maxFetchBytes,
        Upstream upstream,
        long maxPixels,
        int workerThreads,
        int workerQueue,
        int maxInFlight,
        Duration localFileTtl,
        Edge edge,
        long maxInputBytes,
        long maxEditBodyBytes,
        boolean playground,
        List<ApiKey> callers,
        LogFormat logFormat,
        boolean logPrompts,
        Duration shutdownGrace,
        int httpInstances,
        Duration streamKeepalive,
        StateConfig state) {

    public enum Storage { LOCAL, S3 }

    public enum Rehost { ALWAYS, WHEN_NEEDED }

    public enum LogFormat { TEXT, JSON }

    /** S3 settings; only read when {@code EASEL_STORAGE=s3}. The secret never leaves this record's accessor. */
    public record S3(String bucket, URI endpoint, String region, boolean pathStyle, String publicBaseUrl,
                     Duration urlTtl, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                    + ", publicBaseUrl=" + publicBaseUrl + ", urlTtl=" + urlTtl + "]";
        }
    }

    /**
     * Limits on what providers and their media hosts may cost us.
     *
     * @param maxBodyBytes      largest provider API answer, after decompression ({@code EASEL_MAX_UPSTREAM_BODY_BYTES})
     * @param fetchTimeout      one image download in all, redirects included ({@code EASEL_FETCH_TIMEOUT})
     * @param fetchPerHost      downloads in flight per media host and port ({@code EASEL_FETCH_MAX_PER_HOST})
     * @param fetchQueueTimeout longest wait for one of those ({@code EASEL_FETCH_QUEUE_TIMEOUT})
     */
    public record Upstream(long maxBodyBytes, Duration fetchTimeout, int fetchPerHost, Duration fetchQueueTimeout) {
    }

    /**
     * What the HTTP edge enforces before any route runs (README "Configuration").
     *
     * @param allowedHosts  extra {@code Host} values accepted besides the listen address, loopback
     *                      names and {@code EASEL_PUBLIC_URL}'s; {@code *} accepts any
     * @param metricsPublic {@code /metrics} answers without a key
     * @param idleTimeout   a kept-alive connection with no request in progress is closed after this
     * @param headerTimeout a new connection must have sent its first request's headers within this
     * @param bodyTimeout   a request body must have arrived completely within this of its headers
     */
    public record Edge(List<String> allowedHosts, boolean metricsPublic, Duration idleTimeout,
                       Duration headerTimeout, Duration bodyTimeout) {
        public Edge {
            allowedHosts = List.copyOf(allowedHosts);
        }

        public static Edge defaults() {
            return new Edge(List.of(), false, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30));
        }
    }

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        apiKeys = List.copyOf(apiKeys);
        callers = List.copyOf(callers);
    }

    /** The log format alone, read before anything logs (Main hands it to Logback). */
    public static LogFormat logFormat(Function<String, String> env) {
        return new Reader(env).choice("EASEL_LOG_FORMAT", LogFormat.TEXT, LogFormat.class);
    }

    public static GatewayConfig fromEnvironment() {
        return from(System.getenv()::get);
    }

    public static GatewayConfig from(Map<String, String> env) {
        return from(env::get);
    }

    /**
     * {@code PORT=0} is resolved here, once, so every HTTP instance, the links to the local
     * store and the start-up line name one real port: Vert.x shares a port between its server
     * instances, but never port 0 (each would get its own). Another process could take the
     * port before Easel binds it; start then fails as for any port in use.
     */
    private static int freePort(String host) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("PORT=0: no free port could be found on " + host + " (" + e.getMessage() + ")");
        }
    }

    public static GatewayConfig from(Function<String, String> env) {
        Reader r = new Reader(env);
        String host = r.string("HOST", "127.0.0.1");
        int port = r.integer("PORT", 8080, 0, 65535);
        if (port == 0) {
            port = freePort(host);
        }
        List<ApiKey> callers = ApiKey.parseAll(r.string("EASEL_API_KEYS", ""));
        List<String> keys = callers.stream().map(ApiKey::secret).toList();
        if (keys.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("HOST=" + host + " exposes Easel beyond this machine but "
                    + "EASEL_API_KEYS is empty: set EASEL_API_KEYS, or bind HOST=127.0.0.1");
        }
        Storage storage = r.choice("EASEL_STORAGE", Storage.LOCAL, Storage.class);
        String publicUrl = stripSlash(r.string("EASEL_PUBLIC_URL",
                "http://" + (host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host)
                        + ":" + port));
        S3 s3 = null;
        if (storage == Storage.S3) {
            String bucket = r.required("S3_BUCKET", "EASEL_STORAGE=s3 needs a bucket");
            String endpoint = r.string("S3_ENDPOINT", "");
            s3 = new S3(bucket,
                    endpoint.isEmpty() ? null : r.uri("S3_ENDPOINT", endpoint),
                    r.string("S3_REGION", "us-east-1"),
                    r.bool("S3_PATH_STYLE", !endpoint.isEmpty()),
                    emptyToNull(stripSlash(r.string("S3_PUBLIC_BASE_URL", ""))),
                    r.duration("S3_URL_TTL", Duration.ofHours(24)),
                    emptyToNull(r.string("AWS_ACCESS_KEY_ID", "")),
                    emptyToNull(r.string("AWS_SECRET_ACCESS_KEY", "")));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String catalog = r.string("EASEL_CATALOG", "");
        return new GatewayConfig(
                host, port,
                catalog.isEmpty() ? null : Path.of(catalog),
                keys, storage,
                Path.of(r.string("EASEL_STORAGE_DIR", "./data/images")),
                publicUrl, s3,
                r.duration("EASEL_REQUEST_TIMEOUT", Duration.ofSeconds(300)),
                r.choice("EASEL_REHOST", Rehost.ALWAYS, Rehost.class),
                r.longValue("EASEL_MAX_BODY_BYTES", 1L << 20),
                r.longValue("EASEL_MAX_FETCH_BYTES", 50L << 20),
                new Upstream(r.longValue("EASEL_MAX_UPSTREAM_BODY_BYTES", 100L << 20),
                        r.duration("EASEL_FETCH_TIMEOUT", Duration.ofSeconds(60)),
                        r.integer("EASEL_FETCH_MAX_PER_HOST", 64, 1, 1024),
                        r.duration("EASEL_FETCH_QUEUE_TIMEOUT", Duration.ofSeconds(10))),
                r.longValue("EASEL_MAX_PIXELS", 64_000_000L),
                r.integer("EASEL_WORKER_THREADS", Math.max(2, cores), 1, 512),
                r.integer("EASEL_WORKER_QUEUE", 64, 1, 100_000),
                r.integer("EASEL_MAX_IN_FLIGHT", 10_000, 1, 1_000_000),
                r.duration("EASEL_LOCAL_FILE_TTL", Duration.ofDays(7)),
                edge(r),
                r.longValue("EASEL_MAX_INPUT_BYTES", 50L << 20),
                r.longValue("EASEL_MAX_EDIT_BODY_BYTES", 64L << 20),
                r.bool("EASEL_PLAYGROUND", true),
                callers,
                r.choice("EASEL_LOG_FORMAT", LogFormat.TEXT, LogFormat.class),
                r.bool("EASEL_LOG_PROMPTS", false),
                r.duration("EASEL_SHUTDOWN_GRACE", Duration.ofSeconds(30)),
                // Several event loops serve HTTP; the handlers behind them are shared and thread-safe.
                r.integer("EASEL_HTTP_INSTANCES", 2 * cores, 1, 256),
                positive("EASEL_STREAM_KEEPALIVE", r.duration("EASEL_STREAM_KEEPALIVE", Duration.ofSeconds(10))),
                StateConfig.from(r));
    }

    private static Duration positive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }

    private static Edge edge(Reader r) {
        Edge d = Edge.defaults();
        List<String> hosts = Arrays.stream(r.string("EASEL_ALLOWED_HOSTS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(String::toLowerCase).toList();
        for (String h : hosts) {
            if (!h.equals("*") && !h.matches("[a-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("EASEL_ALLOWED_HOSTS must list host or host:port values (or *), got '" + h + "'");
            }
        }
        return new Edge(hosts,
                r.bool("EASEL_METRICS_PUBLIC", d.metricsPublic()),
                r.duration("EASEL_IDLE_TIMEOUT", d.idleTimeout()),
                r.duration("EASEL_HEADER_TIMEOUT", d.headerTimeout()),
                r.duration("EASEL_BODY_TIMEOUT", d.bodyTimeout()));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Reads typed values and names the variable in every complaint. */
    record Reader(Function<String, String> env) {

        String string(String name, String fallback) {
            String v = env.apply(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        String required(String name, String why) {
            String v = string(name, "");
            if (v.isEmpty()) {
                throw new IllegalArgumentException(name + " is not set: " + why);
            }
            return v;
        }

        int integer(String name, int fallback, int min, int max) {
            long v = longValue(name, fallback);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
            }
            return (int) v;
        }

        long longValue(String name, long fallback) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            }
        }

        boolean bool(String name, boolean fallback) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase()) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
            };
        }

        /** Seconds ({@code 300}) or a unit suffix: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}. */
        Duration duration(String name, Duration fallback) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                Duration d;
                if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("h")) {
                    d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("d")) {
                    d = Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
                } else {
                    d = Duration.ofSeconds(Long.parseLong(v));
                }
                if (d.isNegative() || d.isZero()) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a positive duration like 300, 30s, 5m or 24h, got '" + v + "'");
            }
        }

        <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
            String v = string(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase()).toList() + ", got '" + v + "'");
            }
        }

        URI uri(String name, String v) {
            try {
                URI u = URI.create(v);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return u;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be an absolute URL, got '" + v + "'");
            }
        }
    }
}
