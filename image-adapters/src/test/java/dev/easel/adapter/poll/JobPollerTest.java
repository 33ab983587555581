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

@ExtendWith(VertxExtension.class)
class JobPollerTest {

    private static final PollSettings FAST = new PollSettings(Duration.ofMillis(20), Duration.ofMillis(80), 2.0);
    private static final Clock CLOCK = Clock.systemUTC();

    private JobPoller poller;

    @BeforeEach
    void setUp(Vertx vertx) {
        poller = new JobPoller(vertx, CLOCK);
    }

    @Test
    void should_complete_when_job_finishes_after_pendings() throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(3, "done"));

        String value = await(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()));

        assertThat(value).isEqualTo("done");
        assertThat(job.checkTimes).hasSize(4);
        assertThat(job.cancels).hasValue(0);
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_grow_interval_and_cap_it_when_job_stays_pending() throws Exception {
        long start = CLOCK.millis();
        ScriptedJob job = new ScriptedJob(pendings(6, "done"));

        await(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()));

        List<Long> gaps = gaps(start, job.checkTimes);
        // 20, 40, 80 (capped), 80, 80, 80, 80; timers never fire early, may fire a bit late.
        long[] expected = {20, 40, 80, 80, 80, 80, 80};
        assertThat(gaps).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(gaps.get(i)).as("gap %d in %s", i, gaps).isBetween(expected[i] - 2, expected[i] + 150);
        }
    }

    @Test
    void should_wait_at_least_retry_after_when_pending_asks_for_it() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending(Duration.ofMillis(300))));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        await(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()));

        assertThat(job.checkTimes.get(1) - job.checkTimes.get(0)).isGreaterThanOrEqualTo(298);
    }

    @Test
    void should_wait_retry_after_when_rate_limited_while_polling() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.RATE_LIMITED, "test", 429, "slow down",
                Duration.ofMillis(250), null)));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        assertThat(await(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()))).isEqualTo("done");

        assertThat(job.checkTimes.get(1) - job.checkTimes.get(0)).isGreaterThanOrEqualTo(248);
    }

    @Test
    void should_never_wait_past_deadline_when_retry_after_is_longer() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending(Duration.ofSeconds(30))));
        ScriptedJob job = new ScriptedJob(script);
        long start = CLOCK.millis();

        assertFailsWith(poller.run(job, FAST, Instant.ofEpochMilli(start + 300), Promise.<Void>promise().future()),
                ErrorKind.TIMEOUT);

        assertThat(CLOCK.millis() - start).isLessThan(2_000);
        assertThat(job.cancels).hasValue(1);
    }

    @Test
    void should_retry_transient_check_failures_when_they_clear() throws Exception {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new java.net.ConnectException("refused")));
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.UNAVAILABLE, "test", 503, "busy")));
        script.add(() -> Future.succeededFuture(PollStep.completed("done")));
        ScriptedJob job = new ScriptedJob(script);

        assertThat(await(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()))).isEqualTo("done");
        assertThat(job.checkTimes).hasSize(3);
    }

    @Test
    void should_fail_when_transient_failures_run_out() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.UNAVAILABLE, "test", 503, "busy")));
        }
        ScriptedJob job = new ScriptedJob(script);

        ProviderException e = assertFailsWith(
                poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()), ErrorKind.UNAVAILABLE);

        assertThat(e.upstreamStatus()).isEqualTo(503);
        assertThat(job.checkTimes).hasSize(JobPoller.MAX_TRANSIENT_FAILURES + 1);
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_fail_at_once_when_check_error_is_not_transient() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.failedFuture(new ProviderException(ErrorKind.AUTH, "test", 401, "bad key")));
        ScriptedJob job = new ScriptedJob(script);

        assertFailsWith(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()), ErrorKind.AUTH);
        assertThat(job.checkTimes).hasSize(1);
    }

    @Test
    void should_fail_without_cancel_when_job_reports_moderation() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Future.succeededFuture(PollStep.pending()));
        script.add(() -> Future.succeededFuture(PollStep.failed(
                new ProviderException(ErrorKind.CONTENT_POLICY, "test", 200, "moderated"))));
        ScriptedJob job = new ScriptedJob(script);

        assertFailsWith(poller.run(job, FAST, inSeconds(5), Promise.<Void>promise().future()), ErrorKind.CONTENT_POLICY);
        assertThat(job.cancels).hasValue(0);
    }

    @Test
    void should_cancel_upstream_and_time_out_when_deadline_passes() throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(1_000, "never"));
        long start = CLOCK.millis();

        assertFailsWith(poller.run(job, FAST, Instant.ofEpochMilli(start + 250), Promise.<Void>promise().future()),
                ErrorKind.TIMEOUT);

        assertThat(CLOCK.millis() - start).isBetween(240L, 2_000L);
        assertThat(job.cancels).hasValue(1);
        int checks = job.checkTimes.size();
        Thread.sleep(200); // test thread only: no check may follow the end
        assertThat(job.checkTimes).hasSize(checks);
        assertThat(poller.activeJobs()).isZero();
    }

    @Test
    void should_time_out_when_a_check_hangs_past_deadline() {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        script.add(() -> Promise.<PollStep<String>>promise().future());
        ScriptedJob job = new ScriptedJob(script);
        long start = CLOCK.millis();

        assertFailsWith(poller.run(job, FAST, Instant.ofEpochMilli(start + 200), Promise.<Void>promise().future()),
                ErrorKind.TIMEOUT);

        assertThat(CLOCK.millis() - start).isLessThan(2_000);
        assertThat(job.cancels).hasValue(1);
    }

    @Test
    void should_cancel_upstream_and_stop_when_abandoned(Vertx vertx) throws Exception {
        ScriptedJob job = new ScriptedJob(pendings(1_000, "never"));
        Promise<Void> abandoned = Promise.promise();
        vertx.setTimer(120, id -> abandoned.complete());

        ProviderException e = assertFailsWith(poller.run(job, FAST, inSeconds(10), abandoned.future()), ErrorKind.TIMEOUT);

        assertThat(e.getMessage()).contains("abandoned");
        assertThat(job.cancels).hasValue(1);
        int checks = job.checkTimes.size();
        Thread.sleep(200);
        assertThat(job.checkTimes).hasSize(checks);
    }

    @Test
    void should_not_check_when_already_abandoned() {
        ScriptedJob job = new ScriptedJob(pendings(3, "done"));

        assertFailsWith(poller.run(job, FAST, inSeconds(10), Future.succeededFuture()), ErrorKind.TIMEOUT);

        assertThat(job.checkTimes).isEmpty();
        assertThat(job.cancels).hasValue(1);
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
            results.add(poller.run(job, settings, inSeconds(60), Promise.<Void>promise().future()));
        }

        Future.all(results).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        for (int i = 0; i < jobs; i++) {
            assertThat(results.get(i).result()).isEqualTo("job-" + i);
            assertThat(all.get(i).checkTimes).hasSize(2 + i % 5);
        }
        assertThat(poller.activeJobs()).isZero();
    }

    // --- helpers ---

    private static Instant inSeconds(int seconds) {
        return CLOCK.instant().plusSeconds(seconds);
    }

    private static List<Supplier<Future<PollStep<String>>>> pendings(int count, String value) {
        List<Supplier<Future<PollStep<String>>>> script = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            script.add(() -> Future.succeededFuture(PollStep.pending()));
        }
        script.add(() -> Future.succeededFuture(PollStep.completed(value)));
        return script;
    }

    private static List<Long> gaps(long start, List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        long previous = start;
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

    /** An in-memory job that plays a script of check answers and counts cancels. */
    private static final class ScriptedJob implements PolledJob<String> {
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
            checkTimes.add(CLOCK.millis());
            return script.get(Math.min(i, script.size() - 1)).get();
        }

        @Override
        public Future<Void> cancel() {
            cancels.incrementAndGet();
            return Future.succeededFuture();
        }
    }
}
