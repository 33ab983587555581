package dev.easel.adapter.poll;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.PollSettings;
import dev.easel.adapter.ProviderException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives upstream jobs to an end with Vert.x timers: no thread per job, no sleeping, at
 * most one timer per job at any moment. One instance is shared by every job-queue adapter.
 *
 * <p>Cadence: the first check comes {@link PollSettings#initial()} after submission (the
 * adapter has just submitted, so the job cannot be done yet); after each
 * {@link PollStep.Pending} the interval is multiplied by {@link PollSettings#multiplier()}
 * and capped at {@link PollSettings#max()}. A provider's Retry-After lengthens one wait
 * (never beyond the deadline).
 *
 * <p>Outcome: the returned future succeeds with the job's value, or fails with a
 * {@link ProviderException} whose {@link ErrorKind} is the typed outcome: the job's own
 * failure ({@link PollStep.Failed}, e.g. {@code CONTENT_POLICY} for moderation), the last
 * check error once transient errors ran out, or {@code TIMEOUT} when the deadline passed or
 * the caller abandoned the job. In the last two cases the job is cancelled upstream.
 *
 * <p>Time: the deadline is read from the injected {@link Clock} and every wait is a
 * {@link Timers} timer, so tests run the poller on virtual time. {@link #close()} ends the
 * jobs still running (cancelled upstream) and refuses new ones.
 */
public final class JobPoller {

    /** Consecutive failed checks (connection error, 5xx, 429) tolerated before the job fails. */
    public static final int MAX_TRANSIENT_FAILURES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(JobPoller.class);

    private final Vertx vertx;
    private final Clock clock;
    private final Timers timers;
    /** Jobs started and not yet ended; {@link #close()} ends them. */
    private final Set<Run<?>> running = ConcurrentHashMap.newKeySet();
    private final LongAdder checks = new LongAdder();
    private volatile boolean closed;

    /** A poller on Vert.x's own timers: the one the gateway creates. */
    public JobPoller(Vertx vertx, Clock clock) {
        this(vertx, clock, Timers.on(vertx));
    }

    /** A poller whose waits go through {@code timers} (virtual ones in tests), timed by {@code clock}. */
    public JobPoller(Vertx vertx, Clock clock, Timers timers) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    /**
     * Polls {@code job} until it ends, {@code deadline} passes or {@code abandoned}
     * completes (successfully or not: either way nobody waits any more).
     */
    public <T> Future<T> run(PolledJob<T> job, PollSettings settings, Instant deadline, Future<Void> abandoned) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(abandoned, "abandoned");
        // All of a job's state lives on one context, so its callbacks never race each other,
        // even when the caller is not on an event loop (tests, the benchmark).
        Context context = vertx.getOrCreateContext();
        Run<T> run = new Run<>(job, settings, deadline, context);
        running.add(run);
        if (closed) {
            // Checked after the add, so that a close() running now either sees this job or
            // is seen here: no job slips past a close.
            run.onContext(() -> run.stop("the poller is closed"));
        } else {
            run.onContext(run::start);
        }
        abandoned.onComplete(ignored -> run.onContext(() -> run.stop("the job was abandoned by the caller")));
        return run.promise.future();
    }

    /** Jobs started and not yet ended: a gauge for metrics and the benchmark. */
    public int activeJobs() {
        return running.size();
    }

    /**
     * Ends every job still running as if its caller had abandoned it (a TIMEOUT failure,
     * cancelled upstream) and refuses jobs started from now on. Completes once those cancel
     * calls are answered (or failed), so that the adapters' clients can close after it.
     */
    public Future<Void> close() {
        closed = true;
        List<Future<Void>> cancels = new ArrayList<>();
        for (Run<?> run : running) {
            Promise<Future<Void>> stopped = Promise.promise();
            run.onContext(() -> stopped.complete(run.stop("the poller is closed")));
            cancels.add(stopped.future().compose(cancel -> cancel).otherwiseEmpty());
        }
        return Future.join(cancels).mapEmpty();
    }

    /** Status checks made since start: a counter for metrics and the benchmark. */
    public long checksMade() {
        return checks.sum();
    }

    private final class Run<T> {
        private final PolledJob<T> job;
        private final PollSettings settings;
        private final Instant deadline;
        private final Context context;
        private final Promise<T> promise = Promise.promise();

        // Touched only on `context`.
        private long timerId = -1;
        private long intervalMs;
        private int transientFailures;
        private boolean done;

        Run(PolledJob<T> job, PollSettings settings, Instant deadline, Context context) {
            this.job = job;
            this.settings = settings;
            this.deadline = deadline;
            this.context = context;
            this.intervalMs = Math.max(1, settings.initial().toMillis());
        }

        void onContext(Runnable action) {
            if (Vertx.currentContext() == context) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }

        void start() {
            if (!done) {
                waitThenCheck(intervalMs);
            }
        }

        /** Arms the one timer: the next check, or the deadline if that comes first. */
        private void waitThenCheck(long wantedMs) {
            long left = millisLeft();
            if (left <= 0) {
                end(true, timeout("the job did not finish before the deadline"));
                return;
            }
            long delay = Math.max(1, Math.min(wantedMs, left));
            timerId = timers.setTimer(delay, id -> {
                timerId = -1;
                if (done) {
                    return;
                }
                if (millisLeft() <= 0) {
                    end(true, timeout("the job did not finish before the deadline"));
                } else {
                    check();
                }
            });
        }

        private void check() {
            // While the check is in flight the one timer guards the deadline, so a status
            // call that hangs cannot hold the job past it.
            long left = millisLeft();
            timerId = timers.setTimer(Math.max(1, left), id -> {
                timerId = -1;
                if (!done) {
                    end(true, timeout("the job did not finish before the deadline"));
                }
            });
            checks.increment();
            Future<PollStep<T>> step;
            try {
                step = Objects.requireNonNull(job.check(), "check() returned null");
            } catch (RuntimeException e) {
                step = Future.failedFuture(e);
            }
            step.onComplete(ar -> onContext(() -> handle(ar)));
        }

        private void handle(AsyncResult<PollStep<T>> ar) {
            if (done) {
                return; // timed out or abandoned while the check was in flight
            }
            cancelTimer();
            if (ar.failed()) {
                ProviderException error = asProviderException(ar.cause());
                if (!isTransient(error) || ++transientFailures > MAX_TRANSIENT_FAILURES) {
                    end(false, error);
                } else {
                    waitThenCheck(nextWait(error.retryAfter()));
                }
                return;
            }
            PollStep<T> step = ar.result();
            if (step instanceof PollStep.Pending<T> pending) {
                transientFailures = 0;
                waitThenCheck(nextWait(pending.retryAfter()));
            } else if (step instanceof PollStep.Completed<T> completed) {
                finish();
                promise.complete(completed.value());
            } else if (step instanceof PollStep.Failed<T> failed) {
                end(false, failed.error());
            } else {
                end(false, new ProviderException(ErrorKind.UPSTREAM, job.provider(), 0,
                        "the job check returned no status"));
            }
        }

        /** The wait before the next check: the grown interval, or longer if the provider asked. */
        private long nextWait(Duration retryAfter) {
            intervalMs = Math.min(settings.max().toMillis(), (long) Math.ceil(intervalMs * settings.multiplier()));
            long wait = intervalMs;
            if (retryAfter != null && retryAfter.toMillis() > wait) {
                wait = retryAfter.toMillis();
            }
            return wait;
        }

        /**
         * Ends the job from outside (its caller left, or the poller closed) and cancels it
         * upstream; returns that cancel call, or a done future when the job had already ended.
         */
        Future<Void> stop(String why) {
            return done ? Future.succeededFuture() : end(true, timeout(why));
        }

        /** Fails the job; returns the upstream cancel call made, or a done future. */
        private Future<Void> end(boolean cancelUpstream, ProviderException error) {
            finish();
            Future<Void> cancelled = cancelUpstream ? cancelUpstream() : Future.succeededFuture();
            promise.fail(error);
            return cancelled;
        }

        private void finish() {
            done = true;
            cancelTimer();
            running.remove(this);
        }

        private Future<Void> cancelUpstream() {
            Future<Void> cancelled;
            try {
                cancelled = job.cancel();
            } catch (RuntimeException e) {
                cancelled = Future.failedFuture(e);
            }
            if (cancelled == null) {
                return Future.succeededFuture();
            }
            return cancelled.onFailure(e -> LOG.debug("cancelling a {} job upstream failed: {}", job.provider(),
                    describe(e)));
        }

        private void cancelTimer() {
            if (timerId != -1) {
                timers.cancelTimer(timerId);
                timerId = -1;
            }
        }

        private long millisLeft() {
            return deadline.toEpochMilli() - clock.millis();
        }

        private ProviderException timeout(String why) {
            return new ProviderException(ErrorKind.TIMEOUT, job.provider(), 0, job.provider() + ": " + why);
        }

        private ProviderException asProviderException(Throwable cause) {
            if (cause instanceof ProviderException pe) {
                return pe;
            }
            // Not a provider answer: a connection error or a bug in the check; say which
            // class it was, never the message (it may carry a URL with a token in it).
            return new ProviderException(ErrorKind.UNAVAILABLE, job.provider(), 0,
                    job.provider() + ": checking the job failed (" + cause.getClass().getSimpleName() + ")", null, cause);
        }
    }

    private static boolean isTransient(ProviderException e) {
        return e.kind() == ErrorKind.RATE_LIMITED || e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.TIMEOUT;
    }

    /** Errors we raise carry safe messages; anything else is named by class only. */
    private static String describe(Throwable e) {
        return e instanceof ProviderException ? e.getMessage() : e.getClass().getSimpleName();
    }
}
