package net.homeagent.mimm.reactive;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import net.homeagent.mimm.network.Network;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;

/**
 * The mobiles of a network, with the security associations that authenticate what they are told:
 * a mobile is in the network of its binding's care-of address (the longest matching prefix, as for
 * Request Handoffs). The binding table does not keep the SPI a mobile registered with, so the
 * association is the home address's with the lowest SPI (docs/mimm.md "Reactive advice").
 *
 * <p>Which SPI that is comes from a list of every association, which takes a walk of them all (a
 * hundred thousand at a carrier's scale): each walk of the table for an alert reads it once and keeps
 * each home address's lowest SPI, and a mobile arriving in an alerted network is looked up there. A
 * home address the list did not have, or whose association went since, reads the list again.
 */
final class MobileDirectory {

    private final BindingStore store;
    private final SecurityAssociations associations;
    private final NetworkPlan plan;
    /** Each home address's lowest SPI, as the associations were at the last read of them all. */
    private volatile Map<Inet4Address, Long> lowestSpis = Map.of();

    MobileDirectory(BindingStore store, SecurityAssociations associations, NetworkPlan plan) {
        this.store = store;
        this.associations = associations;
        this.plan = plan;
    }

    /** What a walk of the table found: mobiles in the networks, and how many of them had no association. */
    record Walk(int mobiles, int withoutKey) {
    }

    /**
     * Shows {@code visitor} each mobile with a binding in one of {@code networks}, once, with the
     * network it is in; a mobile without a security association is counted, not shown.
     */
    Walk forEachIn(List<Integer> networks, BiConsumer<MobileKey, Integer> visitor) {
        Map<Inet4Address, Long> spis = readLowestSpis();
        Set<Inet4Address> seen = new HashSet<>();
        int[] withoutKey = {0};
        store.forEachBinding(binding -> {
            Optional<Network> network = plan.byCareOf(binding.careOfAddress());
            if (network.isEmpty() || !networks.contains(network.get().id()) || !seen.add(binding.homeAddress())) {
                return;
            }
            Long spi = spis.get(binding.homeAddress());
            Optional<SecurityAssociation> sa = spi == null ? Optional.empty()
                    : associations.forHomeAddress(binding.homeAddress(), spi);
            if (sa.isEmpty()) {
                withoutKey[0]++;
            } else {
                visitor.accept(new MobileKey(binding.homeAddress(), sa.get()), network.get().id());
            }
        });
        return new Walk(seen.size(), withoutKey[0]);
    }

    /** Every association read: each home address's lowest SPI, kept for the arrivals that follow. */
    private Map<Inet4Address, Long> readLowestSpis() {
        Map<Inet4Address, Long> spis = new HashMap<>();
        for (SecurityAssociationInfo info : associations.describeAll()) {
            info.homeAddress().ifPresent(home -> spis.merge(home, info.spi(), Math::min));
        }
        lowestSpis = spis;
        return spis;
    }

    /** The mobile with this home address and its lowest-SPI association; empty without one. */
    Optional<MobileKey> mobile(Inet4Address home) {
        Optional<SecurityAssociation> known = lowestSpiAssociation(lowestSpis, home);
        Optional<SecurityAssociation> sa = known.isPresent() ? known : lowestSpiAssociation(readLowestSpis(), home);
        return sa.map(association -> new MobileKey(home, association));
    }

    private Optional<SecurityAssociation> lowestSpiAssociation(Map<Inet4Address, Long> spis, Inet4Address home) {
        Long spi = spis.get(home);
        return spi == null ? Optional.empty() : associations.forHomeAddress(home, spi);
    }

    /** The network a care-of address is in. */
    Optional<Integer> networkOfCareOf(Inet4Address careOf) {
        return plan.byCareOf(careOf).map(Network::id);
    }

    /** The network of the mobile's (first) binding. */
    Optional<Integer> networkOf(Inet4Address home) {
        List<Binding> bindings = store.find(home);
        return bindings.isEmpty() ? Optional.empty()
                : plan.byCareOf(bindings.get(0).careOfAddress()).map(Network::id);
    }

    Optional<SecurityAssociation> association(Inet4Address home, long spi) {
        return associations.forHomeAddress(home, spi);
    }
}
