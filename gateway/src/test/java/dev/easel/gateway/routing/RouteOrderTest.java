package dev.easel.gateway.routing;

import static dev.easel.gateway.routing.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.catalog.Route;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RouteOrderTest {

    private static final Route FAL = route("fal", "flux", 0, 70);
    private static final Route REPLICATE = route("replicate", "flux", 0, 30);
    private static final Route BFL = route("bfl", "flux", 1, 100);

    @Test
    void should_try_a_higher_priority_number_last_when_its_weight_is_larger() {
        List<Route> order = RouteOrder.order(List.of(BFL, FAL, REPLICATE), new SplittableRandom(1), r -> true);

        assertThat(order).hasSize(3);
        assertThat(order.get(2)).isEqualTo(BFL);
    }

    @Test
    void should_give_the_same_order_when_the_seed_is_the_same() {
        List<Route> routes = List.of(FAL, REPLICATE, route("a", "flux", 0, 10), route("b", "flux", 0, 10));

        for (long seed = 0; seed < 20; seed++) {
            assertThat(RouteOrder.order(routes, new SplittableRandom(seed), r -> true))
                    .isEqualTo(RouteOrder.order(routes, new SplittableRandom(seed), r -> true));
        }
    }

    @Test
    void should_pick_first_in_proportion_to_weight_when_drawn_many_times() {
        SplittableRandom random = new SplittableRandom(42);
        int falFirst = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            if (RouteOrder.order(List.of(FAL, REPLICATE), random, r -> true).get(0).equals(FAL)) {
                falFirst++;
            }
        }

        assertThat(falFirst / (double) draws).isBetween(0.68, 0.72);
    }

    @Test
    void should_move_unavailable_routes_last_when_they_would_come_first() {
        List<Route> order = RouteOrder.order(List.of(FAL, REPLICATE, BFL), new SplittableRandom(3),
                r -> !r.equals(FAL));

        assertThat(order).containsExactly(REPLICATE, BFL, FAL);
    }

    @Test
    void should_keep_catalog_order_when_every_weight_is_zero() {
        Route a = route("a", "m", 0, 0);
        Route b = route("b", "m", 0, 0);

        assertThat(RouteOrder.order(List.of(a, b), new SplittableRandom(9), r -> true)).containsExactly(a, b);
    }
}
