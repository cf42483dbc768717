package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import net.homeagent.ha.AddressPool;
import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.SecurityAssociation;

/**
 * Which home address a request acts for: the one it names, if its security association covers
 * it, or one assigned to its NAI from the address pools (RFC 2794).
 */
final class HomeAddressAssignment {

    private final BindingStore bindings;
    private final HomeAgentSettings settings;

    HomeAddressAssignment(BindingStore bindings, HomeAgentSettings settings) {
        this.bindings = bindings;
        this.settings = settings;
    }

    /** An address, or why none can be given. */
    record Assigned(Optional<Inet4Address> address, Optional<RefusalReason> refusal) {
        static Assigned of(Inet4Address address) {
            return new Assigned(Optional.of(address), Optional.empty());
        }

        static Assigned refused(RefusalReason reason) {
            return new Assigned(Optional.empty(), Optional.of(reason));
        }
    }

    /**
     * Whether {@code sa} may act for the non-zero {@code homeAddress}. An association of a home
     * address covers that address only. One of an NAI (RFC 2794) covers the address bound to
     * that NAI, or a free pool address; never an address another node holds, so that an
     * authenticated node cannot take over (or deregister) someone else's binding.
     */
    boolean covers(SecurityAssociation sa, Inet4Address homeAddress) {
        if (sa.homeAddress().isPresent()) {
            return sa.homeAddress().get().equals(homeAddress);
        }
        String nai = sa.nai().orElseThrow();
        List<Binding> holders = bindings.find(homeAddress);
        if (!holders.isEmpty()) {
            return holders.stream().allMatch(b -> b.nai().filter(nai::equalsIgnoreCase).isPresent());
        }
        return settings.poolOf(homeAddress).isPresent();
    }

    /** The home address already bound to {@code nai}, if any (RFC 2794: the node keeps it). */
    Optional<Inet4Address> boundTo(String nai) {
        return bindings.findByNai(nai).stream().map(Binding::homeAddress).findFirst();
    }

    /**
     * For a request with Home Address 0.0.0.0 (RFC 2794): the address bound to the NAI, else the
     * lowest free address of the pools. The caller holds the allocation lock until the binding
     * is written, or, when the binding waits for a late policy verdict, keeps the address among
     * the promised ones until then, so two nodes cannot get the same address.
     *
     * @param promised addresses assigned to requests still waiting for their verdict
     */
    Assigned assign(String nai, Predicate<Inet4Address> promised) {
        Optional<Inet4Address> kept = boundTo(nai);
        if (kept.isPresent()) {
            return Assigned.of(kept.get());
        }
        if (settings.addressPools().isEmpty()) {
            // RFC 2794: the home agent cannot assign an address: insufficient resources (130).
            return Assigned.refused(RefusalReason.NO_ADDRESS_POOL);
        }
        // A linear scan from the bottom of each pool: one hash lookup per address in use, paid
        // only by a node without an address yet.
        for (AddressPool pool : settings.addressPools()) {
            Optional<Inet4Address> free = pool.firstFree(
                    a -> bindings.find(a).isEmpty() && !promised.test(a) && !settings.homeAgentAddresses().contains(a));
            if (free.isPresent()) {
                return Assigned.of(free.get());
            }
        }
        return Assigned.refused(RefusalReason.POOL_EXHAUSTED);
    }
}
