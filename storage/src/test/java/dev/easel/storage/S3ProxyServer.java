package dev.easel.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A real S3 server for tests: S3Proxy (in-memory {@code transient-nio2} backend) started as a
 * child process on a free 127.0.0.1 port, with SigV2/V4 signature checks on.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start("images")) {
 *     S3ImageStore store = new S3ImageStore(s3.settings(null));
 * }
 * }</pre>
 *
 * The jar path comes from the system property {@code s3proxy.jar}, which the storage and
 * gateway poms set for surefire. Published in the storage test-jar for the gateway's tests.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path workDir;
    private final URI endpoint;
    private final String bucket;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, Path workDir, URI endpoint, String bucket) {
        this.process = process;
        this.workDir = workDir;
        this.endpoint = endpoint;
        this.bucket = bucket;
        // A killed or crashed test JVM must not leave S3Proxy running on the shared machine.
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts S3Proxy and creates {@code bucket} in it. */
    public static S3ProxyServer start(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        Path jar = jarPath();
        IOException last = null;
        // The free port is picked before the child binds it; retry if someone took it meanwhile.
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path dir = null;
            Process process = null;
            try {
                dir = Files.createTempDirectory("s3proxy-");
                int port = freePort();
                URI endpoint = URI.create("http://127.0.0.1:" + port);
                Path conf = dir.resolve("s3proxy.conf");
                Files.writeString(conf, String.join("\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=transient-nio2",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY,
                        ""), StandardCharsets.UTF_8);
                Path log = dir.resolve("s3proxy.log");
                String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
                List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()));
                process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                awaitListening(process, port, log);
                S3ProxyServer server = new S3ProxyServer(process, dir, endpoint, bucket);
                try {
                    server.createBucket(bucket);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (IOException e) {
                last = e;
                if (process != null) {
                    process.destroyForcibly();
                }
                deleteRecursively(dir);
            }
        }
        throw new UncheckedIOException("S3Proxy did not start after 3 attempts", last);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** Settings for an {@link S3ImageStore} on this server; {@code publicBaseUrl} null means presigned links. */
    public S3Settings settings(String publicBaseUrl) {
        return new S3Settings(bucket, endpoint, REGION, true, publicBaseUrl, Duration.ofMinutes(15), ACCESS_KEY, SECRET_KEY);
    }

    /** A client on this server, for assertions (head/get/list); close it after use. */
    public S3AsyncClient newClient() {
        return S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public void createBucket(String name) {
        try (S3AsyncClient client = newClient()) {
            client.createBucket(b -> b.bucket(name)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create bucket '" + name + "' in S3Proxy: " + e, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
        deleteRecursively(workDir);
    }

    private static Path jarPath() {
        String property = System.getProperty("s3proxy.jar");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property s3proxy.jar is not set: run the tests through Maven (the pom copies S3Proxy to target/s3proxy)");
        }
        Path jar = Paths.get(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar + ": run the generate-test-resources phase");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the port accepts connections; S3Proxy opens it once it is ready to serve. */
    private static void awaitListening(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("S3Proxy did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: the OS cleans it eventually
        }
    }
}
