package dev.easel.adapter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.PollSettings;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller on virtual time: every wait is a {@link VirtualTimers} timer and every time is
 * read from its clock, so cadences and deadlines are asserted to the millisecond.
 */
@ExtendWith(VertxExtension.class)
class JobPollerTest {

    private static final PollSettings FAST = new PollSettings(Duration.ofMillis(20), Duration.ofMillis(80), 2.0);

    private VirtualTimers time;
    private JobPoller poller;
    private Instant start;

    @BeforeEach
    void setUp(Vertx vertx) {
        time = JobTestSupport.virtualTime();
        poller = new JobPoller(vertx, time.clock(), time);
        start = time.clock().instant();
    }

    @Test
    void should_complete_when_job_finishes_after_pendings() throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(3, "done"));

        String value = await(drive(poller.run(job, FAST, inSeconds(5), never())));

        assertThat(value).isEqualTo("done");
        assertThat(job.checkTimes).hasSize(4);
        assertThat(job.cancels).hasValue(0);
        assertThat(poller.activeJobs()).isZero();
        assertThat(time.pendingCount()).isZero();
    }

    @Test
    void should_grow_interval_and_cap_it_when_job_stays_pending() throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(6, "done"));

        await(drive(poller.run(job, FAST, inSeconds(5), never())));

        // 20, x2 = 40, x2 = 80 (the cap), then 80 until the end.
        assertThat(gaps(job.checkTimes)).containsExactly(20L, 40L, 80L, 80L, 80L, 80L, 80L);
    }

    @Test
    void should_follow_the_catalog_cadence_when_job_stays_pending() throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(8, "done"));

        await(drive(poller.run(job, PollSettings.DEFAULT, inSeconds(60), never())));

        // 250 ms, then x1.5 rounded up (562.5 -> 563, 844.5 -> 845, 1267.5 -> 1268), capped at 2 s.
        assertThat(gaps(job.checkTimes)).containsExactly(250L, 375L, 563L, 845L, 1268L, 1902L, 2000L, 2000L, 2000L);
    }

    @Test
    void should_wait_retry_after_when_pending_asks_for_it() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending(Duration.ofMillis(300))));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        await(drive(poller.run(job, FAST, inSeconds(5), never())));

        // The next interval would have been 40 ms; the provider asked for 300.
        assertThat(job.checkTimes).containsExactly(at(20), at(320));
    }

    @Test
    void should_wait_retry_after_when_rate_limited_while_polling() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.RATE_LIMITED, "test", 429, "slow down",
                Duration.ofMillis(250), null)));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        assertThat(await(drive(poller.run(job, FAST, inSeconds(5), never())))).isEqualTo("done");

        assertThat(job.checkTimes).containsExactly(at(20), at(270));
    }

    @Test
    void should_never_wait_past_deadline_when_retry_after_is_longer() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending(Duration.ofSeconds(30))));
        ScriptedJob job = new ScriptedJob(script);
        Instant deadline = start.plusMillis(300);

        assertFailsWith(driveThrough(poller.run(job, FAST, deadline, never()), deadline), ErrorKind.TIMEOUT);

        assertThat(time.clock().instant()).isEqualTo(deadline);
        assertThat(job.checkTimes).containsExactly(at(20));
        assertThat(job.cancels).hasValue(1);
    }

    @Test
    void should_retry_transient_check_failures_when_they_clear() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new java.net.ConnectException("refused")));
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.UNAVAILABLE, "test", 503, "busy")));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        assertThat(await(drive(poller.run(job, FAST, inSeconds(5), never())))).isEqualTo("done");
        // A failed check grows the interval as a pending one does.
        assertThat(job.checkTimes).containsExactly(at(20), at(60), at(140));
    }

    @Test
    void should_fail_when_transient_failures_run_out() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.UNAVAILABLE, "test", 503, "busy")));
        }
        ScriptedJob job = new ScriptedJob(script);

        ProviderException e = assertFailsWith(drive(poller.run(job, FAST, inSeconds(5), never())), ErrorKind.UNAVAILABLE);

        assertThat(e.upstreamStatus()).isEqualTo(503);
        assertThat(job.checkTimes).hasSize(JobPoller.MAX_TRANSIENT_FAILURES + 1);
        assertThat(poller.activeJobs()).isZero();
        assertThat(job.cancels).hasValue(0);
    }

    @Test
    void should_fail_at_once_when_check_error_is_not_transient() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.AUTH, "test", 401, "bad key")));
        ScriptedJob job = new ScriptedJob(script);

        assertFailsWith(drive(poller.run(job, FAST, inSeconds(5), never())), ErrorKind.AUTH);
        assertThat(job.checkTimes).hasSize(1);
    }

    @Test
    void should_fail_without_cancel_when_job_reports_moderation() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending()));
        script.add(() -> Future.succeededFuture(PollStep.failed(
                new ProviderException(ErrorKind.CONTENT_POLICY, "test", 200, "moderated"))));
        ScriptedJob job = new ScriptedJob(script);

        assertFailsWith(drive(poller.run(job, FAST, inSeconds(5), never())), ErrorKind.CONTENT_POLICY);
        assertThat(job.cancels).hasValue(0);
    }

    @Test
    void should_cancel_upstream_and_time_out_when_deadline_passes() {
        ScriptedJob job = new ScriptedJob(pendings(1_000, "never"));
        Instant deadline = start.plusMillis(250);

        assertFailsWith(driveThrough(poller.run(job, FAST, deadline, never()), deadline), ErrorKind.TIMEOUT);

        // Checks at 20, 60, 140, 220; the next wait (80 ms) is cut to the 30 ms left.
        assertThat(time.clock().instant()).isEqualTo(deadline);
        assertThat(job.checkTimes).containsExactly(at(20), at(60), at(140), at(220));
        assertThat(job.cancels).hasValue(1);
        assertThat(time.pendingCount()).as("no check can follow the end").isZero();
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_time_out_when_a_check_hangs_past_deadline() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Promise.<PollStep<String>>promise().future());
        ScriptedJob job = new ScriptedJob(script);
        Instant deadline = start.plusMillis(200);

        assertFailsWith(driveThrough(poller.run(job, FAST, deadline, never()), deadline), ErrorKind.TIMEOUT);

        assertThat(time.clock().instant()).isEqualTo(deadline);
        assertThat(job.checkTimes).containsExactly(at(20));
        assertThat(job.cancels).hasValue(1);
        assertThat(time.pendingCount()).isZero();
    }

    @Test
    void should_cancel_upstream_and_stop_when_abandoned() {
        ScriptedJob job = new ScriptedJob(pendings(1_000, "never"));
        Promise<Void> abandoned = Promise.promise();
        Future<String> result = poller.run(job, FAST, inSeconds(10), abandoned.future());
        time.runUntil(() -> job.checkTimes.size() == 2, inSeconds(10));

        abandoned.complete();

        ProviderException e = assertFailsWith(result, ErrorKind.TIMEOUT);
        assertThat(e.getMessage()).contains("abandoned");
        assertThat(job.cancels).hasValue(1);
        assertThat(time.pendingCount()).as("no check can follow the end").isZero();
        assertThat(job.checkTimes).hasSize(2);
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_not_check_when_already_abandoned() {
        ScriptedJob job = new ScriptedJob(pendings(3, "done"));

        assertFailsWith(poller.run(job, FAST, inSeconds(10), Future.succeededFuture()), ErrorKind.TIMEOUT);

        assertThat(job.checkTimes).isEmpty();
        assertThat(job.cancels).hasValue(1);
        assertThat(time.pendingCount()).isZero();
    }

    @Test
    void should_cancel_running_jobs_and_refuse_new_ones_when_closed() throws Exception {
        ScriptedJob running = new ScriptedJob(pendings(1_000, "never"));
        Future<String> result = poller.run(running, FAST, inSeconds(10), never());
        time.runUntil(() -> running.checkTimes.size() == 1, inSeconds(10));

        await(poller.close());

        assertThat(assertFailsWith(result, ErrorKind.TIMEOUT).getMessage()).contains("closed");
        assertThat(running.cancels).hasValue(1);
        assertThat(poller.activeJobs()).isZero();
        assertThat(time.pendingCount()).isZero();
        ScriptedJob late = new ScriptedJob(pendings(1, "done"));
        assertFailsWith(poller.run(late, FAST, inSeconds(10), never()), ErrorKind.TIMEOUT);
        assertThat(late.checkTimes).isEmpty();
        assertThat(late.cancels).hasValue(1);
    }

    @Test
    void should_complete_every_job_when_thousands_run_at_once() throws Exception {
        int jobs = 2_500;
        PollSettings settings = new PollSettings(Duration.ofMillis(10), Duration.ofMillis(100), 1.5);
        List<Future<String>> results = new ArrayList<>(jobs);
        List<ScriptedJob> all = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            ScriptedJob job = new ScriptedJob(pendings(1 + i % 5, "job-" + i));
            all.add(job);
            results.add(poller.run(job, settings, inSeconds(60), never()));
        }

        await(time.runUntilDone(Future.all(results), inSeconds(60)));

        for (int i = 0; i < jobs; i++) {
            assertThat(results.get(i).result()).isEqualTo("job-" + i);
            assertThat(all.get(i).checkTimes).hasSize(2 + i % 5);
        }
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_complete_on_vertx_timers_when_job_finishes(Vertx vertx) throws Exception {
        // The production timers: real time, so only the outcome is asserted.
        JobPoller onVertx = new JobPoller(vertx, Clock.systemUTC());
        ScriptedJob job = new ScriptedJob(pendings(2, "done"));

        String value = await(onVertx.run(job, FAST, Clock.systemUTC().instant().plusSeconds(10), never()));

        assertThat(value).isEqualTo("done");
        assertThat(job.checkTimes).hasSize(3);
        assertThat(onVertx.activeJobs()).isZero();
    }

    // --- helpers ---

    /** Runs a job on virtual time; its deadline guard never fires. */
    private <T> Future<T> drive(Future<T> result) {
        return time.runUntilDone(result, Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    /** Runs a job on virtual time up to and including its deadline. */
    private <T> Future<T> driveThrough(Future<T> result, Instant deadline) {
        return time.runUntilDone(result, deadline.plusMillis(1));
    }

    private Instant inSeconds(int seconds) {
        return start.plusSeconds(seconds);
    }

    private long at(long millisAfterStart) {
        return start.toEpochMilli() + millisAfterStart;
    }

    private static Future<Void> never() {
        return Promise.<Void>promise().future();
    }

    private static List<Supplier<Future<PollStep<String>>>> pendings(int count, String value) {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            script.add(() -> Future.succeededFuture(PollStep.pending()));
        }
        script.add(() -> Future.succeededFuture(PollStep.completed(value)));
        return script;
    }

    private List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        long previous = start.toEpochMilli();
        for (long t : times) {
            gaps.add(t - previous);
            previous = t;
        }
        return gaps;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ProviderException assertFailsWith(Future<?> future, ErrorKind kind) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ProviderException.class);
            ProviderException pe = (ProviderException) e.getCause();
            assertThat(pe.kind()).isEqualTo(kind);
            return pe;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a " + kind + " failure");
    }

    /** An in-memory job that plays a script of check answers, noting when each check came. */
    private final class ScriptedJob implements PolledJob<String> {
        final List<Supplier<Future<PollStep<String>>>> script;
        final List<Long> checkTimes = new CopyOnWriteArrayList<>();
        final AtomicInteger cancels = new AtomicInteger();

        ScriptedJob(List<Supplier<Future<PollStep<String>>>> script) {
            this.script = script;
        }

        @Override
        public String provider() {
            return "test";
        }

        @Override
        public Future<PollStep<String>> check() {
            int i = checkTimes.size();
            checkTimes.add(time.clock().millis());
            return script.get(Math.min(i, script.size() - 1)).get();
        }

        @Override
        public Future<Void> cancel() {
            cancels.incrementAndGet();
            return Future.succeededFuture();
        }
    }
}
