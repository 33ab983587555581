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
public final class RouteHealth {

    /** Circuit states, as reported by {@link #snapshot()}. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * @param consecutiveFailures failures in a row that open the circuit
     * @param windowCalls         the sliding window keeps at most this many recent calls
     * @param window              and none older than this
     * @param minCalls            the rate rule needs at least this many calls in the window
     * @param failureRate         failures / calls in the window that open the circuit
     * @param openFor             how long an open circuit stays closed to traffic before a probe
     */
    public record Settings(int consecutiveFailures, int windowCalls, Duration window, int minCalls,
                           double failureRate, Duration openFor) {

        public static final Settings DEFAULT = new Settings(5, 20, Duration.ofSeconds(60), 10, 0.5,
                Duration.ofSeconds(30));

        public Settings {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(openFor, "openFor");
            if (consecutiveFailures < 1 || windowCalls < 1 || minCalls < 1 || minCalls > windowCalls) {
                throw new IllegalArgumentException("need consecutiveFailures >= 1 and 1 <= minCalls <= windowCalls");
            }
            if (failureRate <= 0 || failureRate > 1) {
                throw new IllegalArgumentException("failureRate must be in (0, 1]");
            }
        }
    }

    /**
     * What a route looks like now.
     *
     * @param available        whether it is tried in normal order (false: only as a last resort)
     * @param openUntil        when an open circuit admits its probe; null when closed
     * @param retryAfterUntil  the provider's Retry-After, while it lasts; else null
     */
    public record Snapshot(String route, State state, boolean available, int consecutiveFailures,
                           int recentCalls, int recentFailures, Instant openUntil, Instant retryAfterUntil) {

        /** The later of the circuit cooldown and the Retry-After cooldown, or null if neither applies. */
        public Instant cooldownUntil() {
            if (openUntil == null) {
                return retryAfterUntil;
            }
            return retryAfterUntil == null || openUntil.isAfter(retryAfterUntil) ? openUntil : retryAfterUntil;
        }
    }

    /**
     * The right to call a route once; hand it back through exactly one of
     * {@link #succeeded}, {@link #failed} or {@link #released}.
     *
     * @param probe this call is the half-open probe: its outcome decides the circuit
     */
    public record Permit(String route, boolean probe) {
    }

    private final Clock clock;
    private final Settings settings;
    private final Map<String, RouteState> routes = new ConcurrentHashMap<>();

    public RouteHealth(Clock clock, Settings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public RouteHealth(Clock clock) {
        this(clock, Settings.DEFAULT);
    }

    /** Whether the route belongs in the normal order now; never changes state (plans and ordering use it). */
    public boolean available(String route) {
        RouteState s = routes.get(route);
        if (s == null) {
            return true;
        }
        synchronized (s) {
            return s.admits(clock.instant());
        }
    }

    /**
     * Asks to call the route in normal order. Null when it must wait (circuit open, a probe
     * already in flight, or a Retry-After running); the caller then tries others first.
     */
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

    /**
     * How long the provider's Retry-After still keeps the route out, or null if it does not.
     * Such a route is not even a last resort: calling it would only earn another 429.
     */
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

    /**
     * Calls a route that is not available anyway: every other candidate failed, or the user
     * pinned it. Its outcome still counts, but it is not the probe.
     */
    public Permit lastResort(String route) {
        return new Permit(Objects.requireNonNull(route, "route"), false);
    }

    /** The provider answered properly (an image, or a refusal that is the user's fault). */
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

    /** A failover-worthy failure of a call; {@code retryAfter} (nullable) keeps the route out that long. */
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

    /** The call ended without a verdict (the client left, the request was abandoned). */
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

    /** Every route that has been called, by slug, sorted: for {@code /readyz} and metrics. */
    public Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> all = new TreeMap<>();
        for (String route : routes.keySet()) {
            all.put(route, snapshot(route));
        }
        return all;
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
