package net.homeagent.mimmclient.signal;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the manager averages each link's signal, as configured: {@code moving:<window>} or
 * {@code exponential:<alpha>}; {@code moving:1} is no averaging (the raw signal).
 */
public record Averaging(Kind kind, double parameter) {

    public enum Kind { MOVING, EXPONENTIAL }

    /** No averaging: each decision sees the raw sample. */
    public static final Averaging RAW = new Averaging(Kind.MOVING, 1);

    public Averaging {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.MOVING && parameter != Math.rint(parameter)) {
            throw new IllegalArgumentException("moving average window is a whole number of samples: " + parameter);
        }
        // built once here so that a bad value fails at configuration, not at the first sample
        factory(kind, parameter).get();
    }

    /** A fresh average for one link. */
    public SignalAverage newAverage() {
        return factory(kind, parameter).get();
    }

    /** Reads {@code moving:<window>} or {@code exponential:<alpha>}. */
    public static Averaging parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("averaging is moving:<window> or exponential:<alpha>, not '" + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("averaging parameter '" + parts[1] + "' is not a number");
        }
        return switch (parts[0]) {
            case "moving" -> new Averaging(Kind.MOVING, value);
            case "exponential" -> new Averaging(Kind.EXPONENTIAL, value);
            default -> throw new IllegalArgumentException("averaging is moving:<window> or exponential:<alpha>, not '"
                    + text + "'");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.MOVING ? "moving:" + (int) parameter : "exponential:" + parameter;
    }

    private static Supplier<SignalAverage> factory(Kind kind, double parameter) {
        return kind == Kind.MOVING ? () -> new MovingAverage((int) parameter) : () -> new ExponentialAverage(parameter);
    }
}
