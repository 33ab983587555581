package dev.easel.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code dev.easel.gateway.Main} in a child JVM, started the way the Dockerfile and the
 * systemd unit start the jar ({@code java [flags] -cp ... Main ARGS}), with only the
 * environment given: exit codes, stdout (the logs) and stderr are the real ones.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> outDone;
    private final CompletableFuture<Void> errDone;

    private GatewayProcess(Process process) {
        this.process = process;
        this.outDone = CompletableFuture.runAsync(() -> pump(new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout));
        this.errDone = CompletableFuture.runAsync(() -> pump(new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr));
    }

    /** @param workDir the child's working directory (so ./model-catalog.yaml lookups are controlled) */
    public static GatewayProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The flags the Dockerfile uses, scaled down for a test.
                "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.easel.gateway.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        return new GatewayProcess(pb.start());
    }

    /** Waits for the exit; the process is killed if it outlives {@code timeout}. */
    public int exitCode(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not exit within " + timeout + "; stderr: " + stderr + "; stdout: " + stdout);
        }
        outDone.get(10, TimeUnit.SECONDS);
        errDone.get(10, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** Waits until a stdout line matches, or fails after {@code timeout} (or if the process exits first). */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String line : stdout) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (outDone.isDone()) {
                break;
            }
            synchronized (stdout) {
                // The pump notifies on every line and at the end of the stream.
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left > 0) {
                    stdout.wait(Math.min(left, 500));
                }
            }
        }
        throw new AssertionError("no matching line; exit " + (process.isAlive() ? "-" : process.exitValue())
                + "; stdout: " + stdout + "; stderr: " + stderr);
    }

    /** SIGTERM, as an orchestrator or systemd sends it. */
    public void terminate() {
        process.destroy();
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public String stderr() {
        return String.join("\n", stderr);
    }

    private static void pump(BufferedReader reader, List<String> into) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                into.add(line);
                synchronized (into) {
                    into.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (into) {
            into.notifyAll();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
