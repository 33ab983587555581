package dev.easel.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples another process's {@code /proc/<pid>/status} ({@code VmHWM}, {@code VmRSS},
 * {@code Threads}) and counts its {@code /proc/<pid>/fd} every 250 ms on one daemon thread,
 * keeping the peaks. Linux only, like the benchmarks' machines.
 */
final class ProcessSampler implements AutoCloseable {

    private static final long PERIOD_MS = 250;

    private final Path proc;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "proc-sampler");
        t.setDaemon(true);
        return t;
    });
    private long hwmKb;
    private long rssKb;
    private int threads;
    private int fds;
    private int samples;

    private ProcessSampler(long pid) {
        this.proc = Path.of("/proc", Long.toString(pid));
    }

    static ProcessSampler start(long pid) {
        ProcessSampler sampler = new ProcessSampler(pid);
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** The peaks so far (a last sample is taken first). */
    synchronized ProcessPeaks peaks() {
        sample();
        return new ProcessPeaks(hwmKb, rssKb, threads, fds, samples);
    }

    private synchronized void sample() {
        try {
            List<String> status = Files.readAllLines(proc.resolve("status"));
            long hwm = 0;
            long rss = 0;
            int th = 0;
            for (String line : status) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("Threads:")) {
                    th = Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            int open;
            try (Stream<Path> entries = Files.list(proc.resolve("fd"))) {
                open = (int) entries.count();
            }
            hwmKb = Math.max(hwmKb, hwm);
            rssKb = Math.max(rssKb, rss);
            threads = Math.max(threads, th);
            fds = Math.max(fds, open);
            samples++;
        } catch (IOException | RuntimeException gone) {
            // the process has exited (or is exiting): the peaks so far stand
        }
    }

    private static long kb(String line) {
        // "VmHWM:	  123456 kB"
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
