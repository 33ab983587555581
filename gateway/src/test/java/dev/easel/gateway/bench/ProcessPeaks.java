package dev.easel.gateway.bench;

/**
 * The most a process held during a run, from {@code /proc/<pid>}.
 *
 * @param peakRssKb     {@code VmHWM}: the kernel's own high-water mark of resident memory, so
 *                      a peak between two samples is not missed
 * @param sampledRssKb  the largest {@code VmRSS} seen in a sample
 * @param peakThreads   the largest {@code Threads} seen in a sample
 * @param peakFds       the most entries seen in {@code /proc/<pid>/fd} (sockets, files, pipes)
 * @param samples       how many samples were taken (every 250 ms)
 */
record ProcessPeaks(long peakRssKb, long sampledRssKb, int peakThreads, int peakFds, int samples) {

    String describe() {
        return String.format("peak RSS %.0f MiB (VmHWM; largest sampled VmRSS %.0f MiB), peak threads %d,"
                        + " peak file descriptors %d (%d samples)",
                peakRssKb / 1024.0, sampledRssKb / 1024.0, peakThreads, peakFds, samples);
    }
}
