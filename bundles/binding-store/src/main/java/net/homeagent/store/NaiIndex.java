package net.homeagent.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secondary index NAI (RFC 2794) -> home addresses holding a binding with that NAI, so that
 * {@code findByNai} does not scan the table. NAIs compare ignoring case, as every other NAI lookup
 * of the project does ({@link String#equalsIgnoreCase}). A value is a small immutable array of
 * home addresses (32 bits each), replaced atomically with {@code compute}: a NAI usually names one.
 */
final class NaiIndex {

    private static final int[] NO_HOMES = new int[0];

    private final ConcurrentHashMap<String, int[]> homesByNai = new ConcurrentHashMap<>();

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

    /**
     * Follows one home address from the NAI keys it had to those it has; the caller holds that
     * address's segment lock.
     */
    void update(int homeAddress, Collection<String> was, Collection<String> is) {
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
    int[] homeAddresses(String nai) {
        return homesByNai.getOrDefault(normalise(nai), NO_HOMES);
    }

    /** How many distinct NAIs are indexed. */
    int size() {
        return homesByNai.size();
    }

    private static int[] with(int[] homes, int homeAddress) {
        int[] grown = Arrays.copyOf(homes, homes.length + 1);
        grown[homes.length] = homeAddress;
        return grown;
    }

    /** Null (dropping the NAI from the index) when no home address is left. */
    private static int[] without(int[] homes, int homeAddress) {
        int[] left = Arrays.stream(homes).filter(h -> h != homeAddress).toArray();
        return left.length == 0 ? null : left;
    }
}
