package dev.easel.adapter.poll;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WireMock listener that notes the virtual time each request arrived at and lets a test
 * wait, without sleeping, for a request the code under test sends without waiting for it
 * (an upstream cancel). Register it with {@code wireMockConfig().extensions(arrivals)} and
 * point it at the test's clock with {@link #reset(Clock)} before each test.
 */
public final class Arrivals implements ServeEventListener {

    /** One request: its method, URL (path and query) and arrival on the test's clock. */
    public record Arrival(String method, String url, long atMillis) {
    }

    private static final long PATIENCE_MS = 10_000;

    private final List<Arrival> arrivals = new ArrayList<>();
    /** "METHOD url" of each request whose answer has been sent (WireMock's journal then holds it). */
    private final List<String> answered = new ArrayList<>();
    private volatile Clock clock = Clock.systemUTC();

    @Override
    public String getName() {
        return "arrivals";
    }

    /** Forgets every arrival and reads times from {@code clock} from now on. */
    public synchronized void reset(Clock clock) {
        this.clock = clock;
        arrivals.clear();
        answered.clear();
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
        // Noted before the answer goes out: the virtual clock cannot move while a request
        // waits for it, so this is the time the request was made.
        Arrival arrival = new Arrival(event.getRequest().getMethod().value(), event.getRequest().getUrl(), clock.millis());
        synchronized (this) {
            arrivals.add(arrival);
        }
    }

    @Override
    public synchronized void afterComplete(ServeEvent event, Parameters parameters) {
        answered.add(event.getRequest().getMethod().value() + " " + event.getRequest().getUrl());
        notifyAll();
    }

    /** The virtual times at which {@code method url} arrived, in order. */
    public synchronized List<Long> times(String method, String url) {
        return arrivals.stream().filter(a -> a.method().equals(method) && a.url().equals(url))
                .map(Arrival::atMillis).toList();
    }

    /** Waits (bounded) until {@code count} requests {@code method url} have been answered. */
    public synchronized void await(String method, String url, int count) {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (answered.stream().filter((method + " " + url)::equals).count() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError(method + " " + url + " did not arrive " + count + " times; arrived: " + arrivals);
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
