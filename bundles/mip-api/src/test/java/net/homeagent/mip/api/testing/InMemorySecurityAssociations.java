package net.homeagent.mip.api.testing;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;

/** Security associations a test adds by hand. */
public final class InMemorySecurityAssociations implements SecurityAssociations {
    private final List<SecurityAssociation> associations = new CopyOnWriteArrayList<>();

    public InMemorySecurityAssociations add(SecurityAssociation sa) {
        associations.add(sa);
        return this;
    }

    @Override
    public Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi) {
        return associations.stream()
                .filter(sa -> sa.spi() == spi && sa.homeAddress().filter(homeAddress::equals).isPresent())
                .findFirst();
    }

    @Override
    public Optional<SecurityAssociation> forNai(String nai, long spi) {
        return associations.stream()
                .filter(sa -> sa.spi() == spi && sa.nai().filter(nai::equalsIgnoreCase).isPresent())
                .findFirst();
    }

    @Override
    public List<SecurityAssociationInfo> describeAll() {
        return associations.stream().map(SecurityAssociation::describe).toList();
    }
}
