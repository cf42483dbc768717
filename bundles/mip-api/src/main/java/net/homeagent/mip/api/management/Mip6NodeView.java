package net.homeagent.mip.api.management;

import java.net.Inet6Address;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Mobile IPv6 node (home agent, correspondent node, MAP; docs/mip6.md) as a manager sees it: the
 * counters of {@code mip6:stats}, each role's binding cache ({@code mip6:bindings}) and its binding
 * recovery ({@code mip6:recovery}), read-only, read live at each call. Provided by the mip6 bundle
 * while its component runs (feature homeagent-mip6); the SNMP agent serves it as HOMEAGENT-MIP6-MIB.
 *
 * @since 1.3.0
 */
@ProviderType
public interface Mip6NodeView {

    /** The source of the roles' appliance events: this prefix and {@link Owner#label()} ({@code mip6-home-agent}). */
    String SOURCE_PREFIX = "mip6-";

    /**
     * The states a role's ROLE_CHANGED appliance events name around its binding recovery:
     * {@value #RESTORED} -> {@value #RECOVERING} when it starts (details total), {@value #RECOVERING}
     * -> {@value #RECOVERED} when nothing is pending any more (details total, validated, deleted).
     */
    String RESTORED = "restored";
    String RECOVERING = "recovering";
    String RECOVERED = "recovered";

    /** One line: addresses, device, backups; or why the node is off or did not start. */
    String status();

    /** The node's own counters (its signalling path, tunnels, home link), in number order. */
    List<Counter> counters();

    /** Addresses proxied on the home link now (RFC 6275 §10.4.1); empty when no home link is configured. */
    OptionalInt homeLinkProxied();

    /** The roles running, in {@link Owner} order; none when the node is off. */
    List<Role> roles();

    /** Every role's binding cache entries, by role. */
    List<Binding> bindings();

    /** Whose a counter or a cache is: the node itself or one of its roles. */
    enum Owner {
        NODE, HOME_AGENT, CORRESPONDENT_NODE, MAP;

        /** {@code home-agent}: the event source's suffix. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The source of this owner's appliance events, {@code mip6-home-agent}. */
        public String source() {
            return SOURCE_PREFIX + label();
        }

        /** The owner whose events come from {@code source}, if it is one of these. */
        public static Optional<Owner> ofSource(String source) {
            for (Owner owner : values()) {
                if (owner.source().equals(source)) {
                    return Optional.of(owner);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param number      its number, fixed for the life of the counter (the MIB's index)
     * @param name        its constant's name, {@code REFRESH_REQUESTS}
     * @param description what it counts, as {@code mip6:stats} says it
     */
    record Counter(int number, String name, String description, long value) {

        public Counter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * @param owner            which role (never {@link Owner#NODE})
     * @param name             as the shell names it ("home agent")
     * @param bindings         entries in its cache now
     * @param counters         its counters, in number order
     * @param acknowledgements Binding Acknowledgements it sent, by status (RFC 6275 §6.1.8)
     */
    record Role(Owner owner, String name, int bindings, List<Counter> counters, Map<Integer, Long> acknowledgements,
            Recovery recovery) {

        public Role {
            counters = List.copyOf(counters);
            acknowledgements = Map.copyOf(acknowledgements);
        }
    }

    /** Where binding recovery stands: none ran since the start (nothing restored, or off), running, finished. */
    enum RecoveryState { NONE, RUNNING, FINISHED }

    /**
     * A role's binding recovery (the design's paced validation of the restored entries).
     *
     * @param total          entries taken from the backup into the work table
     * @param validated      confirmed by a Binding Update the role accepted
     * @param deleted        deleted after silence past their last timer
     * @param pending        neither yet
     * @param awaitingAnswer of the pending ones, those whose Binding Refresh Request is out
     * @param requestsSent   Binding Refresh Requests sent, retries included
     * @param configuredRate requests per second configured
     * @param measuredRate   requests sent per second since the first one
     */
    record Recovery(RecoveryState state, int total, int validated, int deleted, int pending, int awaitingAnswer,
            long requestsSent, long retries, double configuredRate, double measuredRate) {
    }

    /**
     * One binding cache entry (RFC 6275 §9.1).
     *
     * @param lifetimeSeconds  granted
     * @param remainingSeconds left now
     * @param restored         read from the backup and not yet confirmed by the mobile node
     * @param recoveryState    the recovery's state of its home address ("asked 1 of 2", "validated"); empty when
     *                         not restored at this start
     */
    record Binding(Owner role, Inet6Address homeAddress, Inet6Address careOfAddress, int sequence,
            long lifetimeSeconds, long remainingSeconds, boolean restored, String recoveryState) {

        public Binding {
            Objects.requireNonNull(homeAddress, "homeAddress");
            Objects.requireNonNull(careOfAddress, "careOfAddress");
            Objects.requireNonNull(recoveryState, "recoveryState");
        }
    }
}
