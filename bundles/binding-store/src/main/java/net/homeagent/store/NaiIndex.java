package net.homeagent.store;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secondary index NAI (RFC 2794) -> home addresses holding a binding with that NAI, so that
 * {@code findByNai} does not scan the table. NAIs compare ignoring case, as every other NAI lookup
 * of the project does ({@link String#equalsIgnoreCase}). A value is a small immutable array,
 * replaced atomically with {@code compute}: a NAI usually names one home address.
 */
final class NaiIndex {

    private static final Inet4Address[] NO_HOMES = new Inet4Address[0];

    private final ConcurrentHashMap<String, Inet4Address[]> homesByNai = new ConcurrentHashMap<>();

    /**
     * The index key of a NAI: each code point folded the way {@code equalsIgnoreCase} compares
     * (upper case, then lower case), so two NAIs share a key exactly when they are equal ignoring case.
     */
    static String normalise(String nai) {
        String folded = nai.codePoints()
                .map(cp -> Character.toLowerCase(Character.toUpperCase(cp)))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return folded.equals(nai) ? nai : folded; // share the binding's own string when already folded
    }

    /** Follows one home address from {@code before} to {@code after}; the caller holds that address's lock. */
    void update(Inet4Address homeAddress, NodeBindings before, NodeBindings after) {
        Set<String> was = before.naiKeys();
        Set<String> is = after.naiKeys();
        for (String key : was) {
            if (!is.contains(key)) {
                homesByNai.computeIfPresent(key, (k, homes) -> without(homes, homeAddress));
            }
        }
        for (String key : is) {
            if (!was.contains(key)) {
                homesByNai.compute(key, (k, homes) -> with(homes == null ? NO_HOMES : homes, homeAddress));
            }
        }
    }

    /** Home addresses that have (or, during a concurrent change, just had) a binding with this NAI. */
    List<Inet4Address> homeAddresses(String nai) {
        return List.of(homesByNai.getOrDefault(normalise(nai), NO_HOMES));
    }

    /** How many distinct NAIs are indexed. */
    int size() {
        return homesByNai.size();
    }

    private static Inet4Address[] with(Inet4Address[] homes, Inet4Address homeAddress) {
        Inet4Address[] grown = Arrays.copyOf(homes, homes.length + 1);
        grown[homes.length] = homeAddress;
        return grown;
    }

    /** Null (dropping the NAI from the index) when no home address is left. */
    private static Inet4Address[] without(Inet4Address[] homes, Inet4Address homeAddress) {
        Inet4Address[] left = Arrays.stream(homes).filter(h -> !h.equals(homeAddress)).toArray(Inet4Address[]::new);
        return left.length == 0 ? null : left;
    }
}
