package dev.easel.gateway.routing;

import dev.easel.adapter.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process {@link RouteHealth}: every decision from this process's own counters.
 *
 * A circuit breaker per route (keyed by the route slug, {@code fal/flux-schnell}) plus the
 * provider's own {@code Retry-After} cooldown.
 *
 * <p>A closed circuit opens after {@link Settings#consecutiveFailures()} failover-worthy
 * failures in a row, or when the failure rate over the sliding window reaches
 * {@link Settings#failureRate()} (the last {@link Settings#windowCalls()} calls, no older
 * than {@link Settings#window()}, at least {@link Settings#minCalls()} of them), or at once on
 * {@link ErrorKind#AUTH} (a wrong key will not fix itself). After {@link Settings#openFor()}
 * exactly one request is let through as a probe (half-open): its success closes the circuit,
 * its failure opens it for another {@code openFor}.
 *
 * <p>The user's own errors (content policy, invalid request) are not failures: the provider
 * answered properly, which is what health measures. Time comes from the injected clock only,
 * so every transition is exact in tests. Thread-safe: each route's state has its own lock
 * and no lock is held while calling out.
 */
public final class LocalRouteHealth implements RouteHealth {

    private final Clock clock;
    private final Settings settings;
    private final Map<String, RouteState> routes = new ConcurrentHashMap<>();

    public LocalRouteHealth(Clock clock, Settings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LocalRouteHealth(Clock clock) {
        this(clock, Settings.DEFAULT);
    }

    @Override
    public boolean available(String route) {
        RouteState s = routes.get(route);
        if (s == null) {
            return true;
        }
        synchronized (s) {
            return s.admits(clock.instant());
        }
    }

    @Override
    public Permit tryAcquire(String route) {
        Instant now = clock.instant();
        RouteState s = state(route);
        synchronized (s) {
            if (!s.admits(now)) {
                return null;
            }
            if (s.state == State.OPEN) {
                // The cooldown is over: this caller is the one probe; others wait for its verdict.
                s.state = State.HALF_OPEN;
                return new Permit(route, true);
            }
            return new Permit(route, false);
        }
    }

    @Override
    public Duration retryAfterRemaining(String route) {
        RouteState s = routes.get(route);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        synchronized (s) {
            return s.retryAfterUntil != null && now.isBefore(s.retryAfterUntil)
                    ? Duration.between(now, s.retryAfterUntil) : null;
        }
    }

    @Override
    public void succeeded(Permit permit) {
        Instant now = clock.instant();
        RouteState s = state(permit.route());
        synchronized (s) {
            s.consecutive = 0;
            if (s.state != State.CLOSED) {
                // A fresh start: the failures that opened the circuit would re-open it on the next blip.
                s.window.clear();
                s.state = State.CLOSED;
                s.openUntil = null;
            }
            s.record(now, false, settings);
        }
    }

    @Override
    public void failed(Permit permit, ErrorKind kind, Duration retryAfter) {
        Objects.requireNonNull(kind, "kind");
        Instant now = clock.instant();
        RouteState s = state(permit.route());
        synchronized (s) {
            s.consecutive++;
            s.record(now, true, settings);
            if (retryAfter != null && !retryAfter.isNegative()) {
                Instant until = now.plus(retryAfter);
                if (s.retryAfterUntil == null || until.isAfter(s.retryAfterUntil)) {
                    s.retryAfterUntil = until;
                }
            }
            if (permit.probe() && s.state == State.HALF_OPEN) {
                s.open(now, settings);
            } else if (s.state == State.CLOSED && (kind == ErrorKind.AUTH
                    || s.consecutive >= settings.consecutiveFailures() || s.windowTrips(settings))) {
                s.open(now, settings);
            }
            // A last-resort failure of an already open circuit does not push its probe back:
            // the probe is what lets a recovered provider back in.
        }
    }

    @Override
    public void released(Permit permit) {
        RouteState s = routes.get(permit.route());
        if (s == null || !permit.probe()) {
            return;
        }
        synchronized (s) {
            if (s.state == State.HALF_OPEN) {
                // Its cooldown is already over, so the next request probes again.
                s.state = State.OPEN;
            }
        }
    }

    @Override
    public Snapshot snapshot(String route) {
        RouteState s = routes.get(route);
        if (s == null) {
            return new Snapshot(route, State.CLOSED, true, 0, 0, 0, null, null);
        }
        Instant now = clock.instant();
        synchronized (s) {
            s.prune(now, settings);
            int failures = (int) s.window.stream().filter(c -> c.failed).count();
            Instant retryUntil = s.retryAfterUntil != null && s.retryAfterUntil.isAfter(now) ? s.retryAfterUntil : null;
            return new Snapshot(route, s.state, s.admits(now), s.consecutive, s.window.size(), failures,
                    s.openUntil, retryUntil);
        }
    }

    @Override
    public Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> all = new TreeMap<>();
        for (String route : routes.keySet()) {
            all.put(route, snapshot(route));
        }
        return all;
    }

    /**
     * Takes in what the replicas decided together (SharedRouteHealth): a circuit open
     * elsewhere is open here for what remains of it, a Retry-After seen elsewhere holds here,
     * and an open circuit whose cooldown is over closes when the shared one closed (another
     * replica's probe succeeded). A circuit this process opened itself keeps its cooldown,
     * and a probe in flight here decides for itself.
     *
     * @param open                whether the shared circuit is open (its cooldown may be over)
     * @param openRemaining       how long the shared cooldown still runs
     * @param retryAfterRemaining how long the shared Retry-After still runs
     */
    public void adopt(String route, boolean open, Duration openRemaining, Duration retryAfterRemaining) {
        Instant now = clock.instant();
        RouteState s = state(route);
        synchronized (s) {
            if (retryAfterRemaining.compareTo(Duration.ZERO) > 0) {
                Instant until = now.plus(retryAfterRemaining);
                if (s.retryAfterUntil == null || until.isAfter(s.retryAfterUntil)) {
                    s.retryAfterUntil = until;
                }
            }
            if (open && openRemaining.compareTo(Duration.ZERO) > 0) {
                Instant until = now.plus(openRemaining);
                if (s.state == State.CLOSED) {
                    s.state = State.OPEN;
                    s.openUntil = until;
                } else if (s.state == State.OPEN && until.isAfter(s.openUntil)) {
                    s.openUntil = until;
                }
            } else if (!open && s.state == State.OPEN && !now.isBefore(s.openUntil)) {
                s.state = State.CLOSED;
                s.openUntil = null;
                s.consecutive = 0;
                s.window.clear();
            }
        }
    }

    private RouteState state(String route) {
        return routes.computeIfAbsent(Objects.requireNonNull(route, "route"), r -> new RouteState());
    }

    private record Call(Instant at, boolean failed) {
    }

    /** Mutable per-route state, guarded by its own monitor. */
    private static final class RouteState {
        State state = State.CLOSED;
        int consecutive;
        Instant openUntil;
        Instant retryAfterUntil;
        final Deque<Call> window = new ArrayDeque<>();

        boolean admits(Instant now) {
            if (retryAfterUntil != null && now.isBefore(retryAfterUntil)) {
                return false;
            }
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> !now.isBefore(openUntil);
                case HALF_OPEN -> false;
            };
        }

        void open(Instant now, Settings settings) {
            state = State.OPEN;
            openUntil = now.plus(settings.openFor());
        }

        void record(Instant now, boolean failed, Settings settings) {
            window.addLast(new Call(now, failed));
            prune(now, settings);
        }

        void prune(Instant now, Settings settings) {
            Instant oldest = now.minus(settings.window());
            while (!window.isEmpty() && (window.size() > settings.windowCalls() || window.peekFirst().at.isBefore(oldest))) {
                window.removeFirst();
            }
        }

        boolean windowTrips(Settings settings) {
            if (window.size() < settings.minCalls()) {
                return false;
            }
            long failures = window.stream().filter(c -> c.failed).count();
            return failures >= settings.failureRate() * window.size();
        }
    }
}
