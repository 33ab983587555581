package dev.easel.gateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Easel as a benchmark sees it in production: the shaded jar in its own JVM
 * ({@code java -Xmx... -jar easel-gateway.jar}), on a free 127.0.0.1 port, with a temporary
 * image folder and only the environment given (nothing leaks in from the shell, no real
 * keys). Its output goes to a log file that is kept; the image folder is deleted on close.
 * The process is killed on close and, should the benchmark die first, on JVM exit.
 */
final class EaselProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path storageDir;
    private final Path log;
    private final Thread killOnExit;

    private EaselProcess(Process process, int port, Path storageDir, Path log) {
        this.process = process;
        this.port = port;
        this.storageDir = storageDir;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-easel-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the jar named by {@code bench.jar} (default {@code target/easel-gateway.jar},
     * relative to the gateway module) with the shipped catalog ({@code easel.catalog}, default
     * {@code ../model-catalog.yaml}) and waits for {@code /healthz}.
     *
     * @param heap  the child's {@code -Xmx}, e.g. {@code 1g}
     * @param extra provider URLs, keys and {@code EASEL_*} settings for this benchmark
     */
    static EaselProcess start(String heap, Map<String, String> extra) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bench.jar", "target/easel-gateway.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B -q -DskipTests package");
        }
        Path catalog = Path.of(System.getProperty("easel.catalog", "../model-catalog.yaml")).toAbsolutePath();
        Path work = Files.createTempDirectory("easel-bench-");
        Path storage = Files.createDirectory(work.resolve("images"));
        Path log = work.resolve("easel.log");
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(port));
        env.put("EASEL_CATALOG", catalog.toString());
        env.put("EASEL_STORAGE_DIR", storage.toString());
        env.putAll(extra);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        String jvmArgs = System.getProperty("bench.easelJvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        EaselProcess easel = new EaselProcess(builder.start(), port, storage, log);
        try {
            easel.awaitHealthy();
        } catch (IOException | RuntimeException | InterruptedException e) {
            easel.close();
            throw e;
        }
        System.out.printf("easel: pid %d on http://127.0.0.1:%d, -Xmx%s%s, log %s%n",
                easel.pid(), port, heap, jvmArgs.isEmpty() ? "" : " " + jvmArgs, log);
        return easel;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("easel exited with " + process.exitValue() + " before /healthz; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("easel did not answer /healthz within " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM (Easel drains), then a kill if it is still there after 15 s; the images are deleted. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook runs anyway
        }
        deleteTree(storageDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
