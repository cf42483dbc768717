package net.homeagent.mimm.reactive;

import static net.homeagent.mimm.Fixtures.ip;
import static net.homeagent.mimm.reactive.ReactiveFixture.association;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.testing.FakeBindingStore;

class MobileDirectoryTest {

    /** Associations a test changes, counting the reads of them all (each a walk of every association). */
    private static final class CountedAssociations implements SecurityAssociations {
        final List<SecurityAssociation> all = new ArrayList<>();
        int readsOfAll;

        @Override
        public Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi) {
            return all.stream().filter(sa -> sa.spi() == spi && sa.homeAddress().filter(homeAddress::equals).isPresent())
                    .findFirst();
        }

        @Override
        public Optional<SecurityAssociation> forNai(String nai, long spi) {
            return Optional.empty();
        }

        @Override
        public List<SecurityAssociationInfo> describeAll() {
            readsOfAll++;
            return all.stream().map(SecurityAssociation::describe).toList();
        }
    }

    private final CountedAssociations associations = new CountedAssociations();
    private final MobileDirectory directory = new MobileDirectory(new FakeBindingStore(), associations, Fixtures.plan());

    @Test
    void arrivalsAreLookedUpWithoutReadingEveryAssociationEachTime() {
        for (int i = 1; i <= 50; i++) {
            associations.all.add(association("10.0.1." + i, 301));
            associations.all.add(association("10.0.1." + i, 300));
        }
        for (int i = 1; i <= 50; i++) {
            assertThat(directory.mobile(ip("10.0.1." + i))).get()
                    .satisfies(mobile -> assertThat(mobile.association().spi()).as("the lowest SPI").isEqualTo(300));
        }
        assertThat(associations.readsOfAll).as("one read for 50 arrivals").isEqualTo(1);
    }

    @Test
    void aHomeAddressNewSinceTheLastReadOrWhoseAssociationWentIsReadAgain() {
        associations.all.add(association("10.0.1.1", 300));
        assertThat(directory.mobile(ip("10.0.1.1"))).isPresent();
        associations.all.add(association("10.0.1.2", 300));
        assertThat(directory.mobile(ip("10.0.1.2"))).as("added since").isPresent();
        associations.all.remove(0);
        associations.all.add(association("10.0.1.1", 302));
        assertThat(directory.mobile(ip("10.0.1.1"))).get()
                .satisfies(mobile -> assertThat(mobile.association().spi()).as("SPI 300 went").isEqualTo(302));
        assertThat(directory.mobile(ip("10.0.1.3"))).as("no association at all").isEmpty();
        assertThat(associations.readsOfAll).isEqualTo(4);
    }
}
