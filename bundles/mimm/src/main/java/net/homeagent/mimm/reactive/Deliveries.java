package net.homeagent.mimm.reactive;

import java.util.List;
import java.util.Locale;

/**
 * How reactive advice reaches mobiles ({@code deliveries}): {@code event} pushes it when the alert
 * comes, {@code periodic} again every {@code periodicSeconds} while the alert holds (to mobiles that
 * came into the network since, or lost it), {@code pull} answers a mobile that asks.
 */
record Deliveries(boolean event, boolean periodic, boolean pull) {

    static Deliveries parse(List<String> names) {
        boolean event = false;
        boolean periodic = false;
        boolean pull = false;
        for (String name : names) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "event" -> event = true;
                case "periodic" -> periodic = true;
                case "pull" -> pull = true;
                default -> throw new IllegalArgumentException("deliveries: '" + name + "' is none of event, periodic, pull");
            }
        }
        return new Deliveries(event, periodic, pull);
    }
}
