package dev.easel.gateway.routing;

import dev.easel.gateway.catalog.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The failover order of a request's candidates: priority groups ascending; within a group a
 * weighted random draw without replacement (a route of weight 70 comes first 70% of the
 * time against one of 30); then every unavailable route moved to the end, keeping its drawn
 * place among them, so it is tried only as a last resort.
 */
final class RouteOrder {

    private RouteOrder() {
    }

    static List<Route> order(List<Route> routes, RandomGenerator random, Predicate<Route> available) {
        Map<Integer, List<Route>> groups = new TreeMap<>();
        for (Route r : routes) {
            groups.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
        }
        List<Route> drawn = new ArrayList<>(routes.size());
        for (List<Route> group : groups.values()) {
            drawn.addAll(weighted(group, random));
        }
        List<Route> ordered = new ArrayList<>(drawn.size());
        List<Route> last = new ArrayList<>();
        for (Route r : drawn) {
            (available.test(r) ? ordered : last).add(r);
        }
        ordered.addAll(last);
        return List.copyOf(ordered);
    }

    private static List<Route> weighted(List<Route> group, RandomGenerator random) {
        List<Route> left = new ArrayList<>(group);
        List<Route> out = new ArrayList<>(group.size());
        while (!left.isEmpty()) {
            long total = 0;
            for (Route r : left) {
                total += Math.max(0, r.weight());
            }
            if (total == 0) {
                // Weight 0 means "backup within the group": catalog order, after the weighted ones.
                out.addAll(left);
                break;
            }
            long pick = random.nextLong(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= Math.max(0, left.get(i).weight());
                if (pick < 0) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }
}
