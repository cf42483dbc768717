package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Which bindings a {@link BindingSnapshots} export takes: the home addresses from {@code firstHome}
 * to {@code lastHome} (both included, compared as unsigned 32-bit numbers), and among their bindings
 * those {@code predicate} accepts, if there is one.
 * <p>
 * The range travels in the snapshot; a predicate cannot. So a snapshot taken without a predicate
 * says "this is every binding of the range", which is what an import in
 * {@link BindingSnapshots.ImportMode#REPLACE} needs; one taken with a predicate can only be merged.
 */
public record BindingFilter(Inet4Address firstHome, Inet4Address lastHome, Optional<Predicate<Binding>> predicate) {

    /** Every binding of the table. */
    public static final BindingFilter ALL = range(Ipv4.of(0), Ipv4.of(-1));

    public BindingFilter {
        Objects.requireNonNull(firstHome, "firstHome");
        Objects.requireNonNull(lastHome, "lastHome");
        Objects.requireNonNull(predicate, "predicate");
        if (Integer.compareUnsigned(Ipv4.toInt(firstHome), Ipv4.toInt(lastHome)) > 0) {
            throw new IllegalArgumentException("home address range " + firstHome.getHostAddress() + " - "
                    + lastHome.getHostAddress() + " is empty");
        }
    }

    /** The bindings of the home addresses from {@code first} to {@code last}, both included. */
    public static BindingFilter range(Inet4Address first, Inet4Address last) {
        return new BindingFilter(first, last, Optional.empty());
    }

    /** This range's bindings that {@code more} also accepts. */
    public BindingFilter matching(Predicate<Binding> more) {
        Objects.requireNonNull(more, "more");
        return new BindingFilter(firstHome, lastHome, Optional.of(predicate.map(p -> p.and(more)).orElse(more)));
    }

    /** Whether the filter takes every binding of its range (no predicate). */
    public boolean wholeRange() {
        return predicate.isEmpty();
    }

    public boolean covers(Inet4Address home) {
        int bits = Ipv4.toInt(home);
        return Integer.compareUnsigned(bits, Ipv4.toInt(firstHome)) >= 0 && Integer.compareUnsigned(bits, Ipv4.toInt(lastHome)) <= 0;
    }

    public boolean test(Binding binding) {
        return covers(binding.homeAddress()) && predicate.map(p -> p.test(binding)).orElse(true);
    }
}
