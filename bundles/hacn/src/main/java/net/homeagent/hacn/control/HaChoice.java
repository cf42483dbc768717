package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Chooses the HA of a home address that no HA holds a binding of (the HA that holds one always
 * gets its registrations). One policy is active, by configuration ({@code policy}).
 */
public interface HaChoice {

    /** An HA that may take registrations now, with the bindings it holds. */
    record Candidate(int nodeId, int bindings) {
    }

    /**
     * @param candidates the HAs that take registrations now, by node id; never empty
     * @return the chosen HA's node id; empty if the policy has none for {@code home}
     */
    OptionalInt choose(Inet4Address home, List<Candidate> candidates);

    /** The policy's name in the configuration and the shell. */
    String name();

    static HaChoice named(String policy, List<String> ranges) {
        return switch (policy) {
            case "hash" -> new HashOfHome();
            case "least-loaded" -> new LeastLoaded();
            case "ranges" -> AddressRanges.parse(ranges);
            default -> throw new IllegalArgumentException("policy: hash, least-loaded or ranges, not '" + policy + "'");
        };
    }

    /** The home address's hash picks one of the candidates: the same HA for a home address while the set stays. */
    final class HashOfHome implements HaChoice {
        @Override
        public OptionalInt choose(Inet4Address home, List<Candidate> candidates) {
            // Murmur3's finalizer: consecutive home addresses spread over the HAs, not in rounds
            int h = Ipv4.toInt(home);
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            return OptionalInt.of(candidates.get(Math.floorMod(h, candidates.size())).nodeId());
        }

        @Override
        public String name() {
            return "hash";
        }
    }

    /** The candidate holding the fewest bindings (the lowest node id of equals). */
    final class LeastLoaded implements HaChoice {
        @Override
        public OptionalInt choose(Inet4Address home, List<Candidate> candidates) {
            return OptionalInt.of(candidates.stream()
                    .min(Comparator.comparingInt(Candidate::bindings).thenComparingInt(Candidate::nodeId))
                    .orElseThrow().nodeId());
        }

        @Override
        public String name() {
            return "least-loaded";
        }
    }

    /**
     * Configured address ranges, {@code a.b.c.d/len=nodeId}, the first that contains the home address
     * names its HA; a home address outside every range, or whose HA cannot take registrations now
     * and has no successor, gets none (the mobile node's retransmission may find one).
     */
    record AddressRanges(List<Map.Entry<long[], Integer>> ranges) implements HaChoice {

        static AddressRanges parse(List<String> lines) {
            return new AddressRanges(lines.stream().map(AddressRanges::range).toList());
        }

        private static Map.Entry<long[], Integer> range(String line) {
            int slash = line.indexOf('/');
            int equals = line.indexOf('=');
            if (slash < 0 || equals < slash) {
                throw new IllegalArgumentException("ranges: not a.b.c.d/len=nodeId: '" + line + "'");
            }
            long base = Ipv4.toUnsigned(net.homeagent.hacn.Endpoints.address("ranges", line.substring(0, slash)));
            int length = AgentSpec.number("ranges", line.substring(slash + 1, equals));
            if (length < 0 || length > 32) {
                throw new IllegalArgumentException("ranges: prefix length " + length);
            }
            long mask = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
            return Map.entry(new long[] {base & mask, mask}, AgentSpec.number("ranges", line.substring(equals + 1)));
        }

        @Override
        public OptionalInt choose(Inet4Address home, List<Candidate> candidates) {
            long address = Ipv4.toUnsigned(home);
            for (Map.Entry<long[], Integer> range : ranges) {
                if ((address & range.getKey()[1]) == range.getKey()[0]) {
                    return OptionalInt.of(range.getValue());
                }
            }
            return OptionalInt.empty();
        }

        @Override
        public String name() {
            return "ranges";
        }
    }
}
