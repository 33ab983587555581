package dev.easel.gateway.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One job in {@link SlowFalQueueStub}: when it was submitted and completes (both
 * {@link System#nanoTime()} in the benchmark's JVM, the clock its client uses too), and what
 * Easel did with it: status polls, the first status answer that said COMPLETED, the result
 * and media reads, a cancel.
 */
final class SlowFalJob {

    private final String id;
    private final String prompt;
    private final long submittedNanos;
    private final long completesNanos;
    private final AtomicInteger statusPolls = new AtomicInteger();
    private final AtomicInteger resultReads = new AtomicInteger();
    private final AtomicInteger mediaReads = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicLong completedSeenNanos = new AtomicLong();

    SlowFalJob(String id, String prompt, long submittedNanos, long jobNanos) {
        this.id = id;
        this.prompt = prompt;
        this.submittedNanos = submittedNanos;
        this.completesNanos = submittedNanos + jobNanos;
    }

    String id() {
        return id;
    }

    /** The prompt Easel forwarded: the benchmark's client numbers its prompts to find its jobs. */
    String prompt() {
        return prompt;
    }

    long submittedNanos() {
        return submittedNanos;
    }

    long completesNanos() {
        return completesNanos;
    }

    /** fal's three states by time: queued for the first tenth of the job, then running, then done. */
    String stateAt(long nanos) {
        if (nanos >= completesNanos) {
            return "COMPLETED";
        }
        return nanos < submittedNanos + (completesNanos - submittedNanos) / 10 ? "IN_QUEUE" : "IN_PROGRESS";
    }

    /** Counts a status poll; the first one answered COMPLETED is when Easel learnt of the completion. */
    void polled(long nanos, boolean completed) {
        statusPolls.incrementAndGet();
        if (completed) {
            completedSeenNanos.compareAndSet(0, nanos);
        }
    }

    void resultRead() {
        resultReads.incrementAndGet();
    }

    void mediaRead() {
        mediaReads.incrementAndGet();
    }

    void cancelled() {
        cancels.incrementAndGet();
    }

    int statusPolls() {
        return statusPolls.get();
    }

    int resultReads() {
        return resultReads.get();
    }

    int mediaReads() {
        return mediaReads.get();
    }

    int cancels() {
        return cancels.get();
    }

    /** When a status poll first answered COMPLETED, or 0 if none did. */
    long completedSeenNanos() {
        return completedSeenNanos.get();
    }
}
