package dev.easel.gateway.routing;

import dev.easel.adapter.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Which routes to call now: a circuit breaker per route (keyed by the route slug,
 * {@code fal/flux-schnell}) plus the provider's own {@code Retry-After} cooldown; the rules
 * are on {@link LocalRouteHealth}.
 *
 * <p>Every method decides from state held in this process and returns at once, because the
 * routing engine asks on each pick. An implementation shared between replicas
 * ({@code SharedRouteHealth}) keeps that promise by reporting outcomes in the background and
 * refreshing its local view, never by a network round trip inside a pick.
 */
public interface RouteHealth {

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

    /** Whether the route belongs in the normal order now; never changes state (plans and ordering use it). */
    boolean available(String route);

    /**
     * Asks to call the route in normal order. Null when it must wait (circuit open, a probe
     * already in flight, or a Retry-After running); the caller then tries others first.
     */
    Permit tryAcquire(String route);

    /**
     * How long the provider's Retry-After still keeps the route out, or null if it does not.
     * Such a route is not even a last resort: calling it would only earn another 429.
     */
    Duration retryAfterRemaining(String route);

    /**
     * Calls a route that is not available anyway: every other candidate failed, or the user
     * pinned it. Its outcome still counts, but it is not the probe.
     */
    default Permit lastResort(String route) {
        return new Permit(Objects.requireNonNull(route, "route"), false);
    }

    /** The provider answered properly (an image, or a refusal that is the user's fault). */
    void succeeded(Permit permit);

    /** A failover-worthy failure of a call; {@code retryAfter} (nullable) keeps the route out that long. */
    void failed(Permit permit, ErrorKind kind, Duration retryAfter);

    /** The call ended without a verdict (the client left, the request was abandoned). */
    void released(Permit permit);

    Snapshot snapshot(String route);

    /** Every route seen so far, by slug. */
    Map<String, Snapshot> snapshot();
}
