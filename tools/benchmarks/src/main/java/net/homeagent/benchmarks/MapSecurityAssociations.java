package net.homeagent.benchmarks;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;

/**
 * Security associations by home address, looked up as the appliance's file-backed service does
 * (a hash map read without locks); the benchmarks leave the file parsing out.
 */
final class MapSecurityAssociations implements SecurityAssociations {

    private final Map<Inet4Address, SecurityAssociation> byHomeAddress;

    MapSecurityAssociations(int expected) {
        byHomeAddress = new HashMap<>(expected * 2);
    }

    void add(SecurityAssociation sa) {
        byHomeAddress.put(sa.homeAddress().orElseThrow(), sa);
    }

    @Override
    public Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi) {
        SecurityAssociation sa = byHomeAddress.get(homeAddress);
        return sa != null && sa.spi() == spi ? Optional.of(sa) : Optional.empty();
    }

    @Override
    public Optional<SecurityAssociation> forNai(String nai, long spi) {
        return Optional.empty();
    }

    @Override
    public List<SecurityAssociationInfo> describeAll() {
        return byHomeAddress.values().stream().map(SecurityAssociation::describe).toList();
    }
}
