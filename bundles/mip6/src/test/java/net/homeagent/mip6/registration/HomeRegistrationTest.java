package net.homeagent.mip6.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mip6.AlternateCareOfAddress;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.MobilityOption;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;

class HomeRegistrationTest {

    private static final Inet6Address HA = Addresses.v6("2001:db8:100::1");
    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:a1::10");
    private static final long NOW = 1_700_000_000_000L;

    private final Mip6Counters counters = new Mip6Counters();
    private final List<Inet6Address> accepted = new ArrayList<>();
    /** the home addresses this node's correspondent role holds */
    private final List<Inet6Address> correspondentBindings = new ArrayList<>();
    private boolean backupFails;
    private final BindingCache cache = new BindingCache(new CacheBackup() {
        @Override
        public void put(Mip6Binding binding) throws IOException {
            fail();
        }

        @Override
        public void remove(Inet6Address homeAddress) throws IOException {
            fail();
        }

        private void fail() throws IOException {
            if (backupFails) {
                throw new IOException("no space left on device");
            }
        }
    });

    private HomeRegistration registration(int capacity, String... served) {
        return new HomeRegistration(new HomeRegistrationSettings(RegistrationKind.HOME,
                List.of(Ipv6Prefix.parse("2001:db8:100::/64")),
                java.util.Arrays.stream(served).map(Ipv6Prefix::parse).toList(), 3600, capacity, List.of(HA)), cache,
                home -> correspondentBindings.contains(home), counters, accepted::add);
    }

    private final HomeRegistration ha = registration(10);

    private static BindingUpdate update(int sequence, int lifetimeUnits, boolean home, boolean map,
            List<MobilityOption> options) {
        return new BindingUpdate(sequence, true, home, false, false, map, lifetimeUnits, options);
    }

    private static BindingUpdate update(int sequence, int lifetimeUnits) {
        return update(sequence, lifetimeUnits, true, false, List.of());
    }

    private RegistrationResult send(BindingUpdate update) {
        return send(update, HOME, CARE_OF);
    }

    private RegistrationResult send(BindingUpdate update, Inet6Address home, Inet6Address source) {
        return ha.process(new ReceivedBindingUpdate(source, HA, Optional.of(home), update), NOW);
    }

    @Test
    void aHomeRegistrationIsAcceptedWithTheLifetimeAskedForAndCached() {
        RegistrationResult result = send(update(7, 150));
        assertThat(result.status()).isZero();
        assertThat(result.sequence()).isEqualTo(7);
        assertThat(result.lifetimeUnits()).isEqualTo(150);
        assertThat(result.sendAck()).isTrue();
        assertThat(result.careOfAddress()).isEqualTo(CARE_OF);
        assertThat(result.homeAddress()).isEqualTo(HOME);
        assertThat(cache.get(HOME)).contains(new Mip6Binding(HOME, CARE_OF, 7, 600, NOW + 600_000,
                Mip6Binding.Origin.REGISTERED));
        assertThat(accepted).containsExactly(HOME);
        assertThat(counters.get(Counter.REGISTRATIONS)).isEqualTo(1);
        assertThat(counters.acknowledgements()).containsEntry(0, 1L);
    }

    @Test
    void theLifetimeIsClampedToTheConfiguredMaximum() {
        RegistrationResult result = send(update(1, 65_535));
        assertThat(result.lifetimeUnits()).isEqualTo(900);
        assertThat(result.acknowledgement().lifetimeSeconds()).isEqualTo(3600);
        assertThat(cache.get(HOME).orElseThrow().lifetimeSeconds()).isEqualTo(3600);
    }

    @Test
    void withoutTheAFlagAnAcceptedUpdateIsNotAcknowledged() {
        RegistrationResult result = send(new BindingUpdate(1, false, true, false, false, false, 10, List.of()));
        assertThat(result.accepted()).isTrue();
        assertThat(result.sendAck()).isFalse();
    }

    @Test
    void theSequenceNumberMustGrowModulo65536OtherwiseStatus135WithTheLastAccepted() {
        send(update(65_535, 10));
        RegistrationResult same = send(update(65_535, 10));
        assertThat(same.status()).isEqualTo(135);
        assertThat(same.sequence()).isEqualTo(65_535);
        assertThat(same.sendAck()).isTrue();
        RegistrationResult older = send(update(65_000, 10));
        assertThat(older.status()).isEqualTo(135);
        RegistrationResult wrapped = send(update(0, 10));
        assertThat(wrapped.status()).as("0 follows 65535").isZero();
        RegistrationResult halfAway = send(update(32_768, 10));
        assertThat(halfAway.status()).as("32768 apart is not greater").isEqualTo(135);
        assertThat(halfAway.sequence()).isZero();
        assertThat(cache.get(HOME).orElseThrow().sequence()).isZero();
    }

    @Test
    void sequenceNumbersCompareModulo65536() {
        assertThat(SequenceNumbers.isGreater(1, 0)).isTrue();
        assertThat(SequenceNumbers.isGreater(0, 65_535)).isTrue();
        assertThat(SequenceNumbers.isGreater(32_767, 0)).isTrue();
        assertThat(SequenceNumbers.isGreater(32_768, 0)).isFalse();
        assertThat(SequenceNumbers.isGreater(0, 0)).isFalse();
        assertThat(SequenceNumbers.isGreater(65_535, 0)).isFalse();
    }

    @Test
    void aCareOfChangeReplacesTheEntry() {
        send(update(1, 10));
        Inet6Address moved = Addresses.v6("2001:db8:a2::10");
        RegistrationResult result = send(update(2, 10), HOME, moved);
        assertThat(result.status()).isZero();
        assertThat(result.careOfAddress()).isEqualTo(moved);
        assertThat(cache.get(HOME).orElseThrow().careOfAddress()).isEqualTo(moved);
    }

    @Test
    void theAlternateCareOfAddressOptionNamesTheCareOfAddress() {
        Inet6Address alternate = Addresses.v6("2001:db8:a3::10");
        send(update(1, 10, true, false, List.of(new AlternateCareOfAddress(alternate))));
        assertThat(cache.get(HOME).orElseThrow().careOfAddress()).isEqualTo(alternate);
    }

    @Test
    void aDeregistrationRemovesTheEntryAndIsAcknowledgedWithLifetimeZero() {
        send(update(1, 10));
        RegistrationResult result = send(update(2, 0));
        assertThat(result.status()).isZero();
        assertThat(result.lifetimeUnits()).isZero();
        assertThat(cache.get(HOME)).isEmpty();
        assertThat(counters.get(Counter.DEREGISTRATIONS)).isEqualTo(1);
        assertThat(accepted).containsExactly(HOME, HOME);
    }

    @Test
    void aMobileBackHomeDeregistersWithItsHomeAddressAsCareOfAddress() {
        send(update(1, 10));
        RegistrationResult result = ha.process(new ReceivedBindingUpdate(HOME, HA, Optional.empty(), update(2, 10)),
                NOW);
        assertThat(result.status()).isZero();
        assertThat(result.careOfAddress()).isEqualTo(HOME);
        assertThat(cache.get(HOME)).isEmpty();
    }

    @Test
    void aDeregistrationWithoutAHomeRegistrationIs133() {
        RegistrationResult result = send(update(1, 0));
        assertThat(result.status()).isEqualTo(133);
        assertThat(result.sendAck()).isTrue();
        assertThat(accepted).isEmpty();
    }

    @Test
    void aHomeAddressOutsideTheHomePrefixesIs132() {
        RegistrationResult result = send(update(1, 10), Addresses.v6("2001:db8:200::10"), CARE_OF);
        assertThat(result.status()).isEqualTo(132);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aHomeAddressOutsideTheServedRangesIs133() {
        HomeRegistration narrow = registration(10, "2001:db8:100::/120");
        RegistrationResult inside = narrow.process(new ReceivedBindingUpdate(CARE_OF, HA, Optional.of(HOME),
                update(1, 10)), NOW);
        RegistrationResult outside = narrow.process(new ReceivedBindingUpdate(CARE_OF, HA,
                Optional.of(Addresses.v6("2001:db8:100::1:10")), update(1, 10)), NOW);
        assertThat(inside.status()).isZero();
        assertThat(outside.status()).isEqualTo(133);
    }

    @Test
    void aHomeAddressTheCorrespondentRoleHoldsIsRefused139RegistrationTypeChange() {
        correspondentBindings.add(HOME);
        assertThat(send(update(1, 10)).status()).isEqualTo(139);
        assertThat(cache.get(HOME)).isEmpty();
        correspondentBindings.clear();
        assertThat(send(update(2, 10)).status()).isZero();
    }

    @Test
    void noHFlagTheMFlagOrTheHomeAgentsOwnAddressIsProhibited129() {
        assertThat(send(update(1, 10, false, false, List.of())).status()).isEqualTo(129);
        assertThat(send(update(1, 10, true, true, List.of())).status()).isEqualTo(129);
        assertThat(send(update(1, 10), HA, CARE_OF).status()).as("the home agent's own address").isEqualTo(129);
        assertThat(cache.size()).isZero();
        assertThat(counters.acknowledgements()).containsEntry(129, 3L);
    }

    @Test
    void aFullCacheRefusesNewHomeAddressesWith130ButRenewsTheOnesItHolds() {
        HomeRegistration small = registration(1);
        small.process(new ReceivedBindingUpdate(CARE_OF, HA, Optional.of(HOME), update(1, 10)), NOW);
        RegistrationResult other = small.process(new ReceivedBindingUpdate(CARE_OF, HA,
                Optional.of(Addresses.v6("2001:db8:100::11")), update(1, 10)), NOW);
        RegistrationResult renewal = small.process(new ReceivedBindingUpdate(CARE_OF, HA, Optional.of(HOME),
                update(2, 10)), NOW);
        assertThat(other.status()).isEqualTo(130);
        assertThat(renewal.status()).isZero();
    }

    @Test
    void aFailedBackupWriteIs128AndTheEntryStaysAsItWas() {
        send(update(1, 10));
        backupFails = true;
        RegistrationResult moved = send(update(2, 20), HOME, Addresses.v6("2001:db8:a2::10"));
        RegistrationResult deregistered = send(update(3, 0));
        assertThat(moved.status()).isEqualTo(128);
        assertThat(deregistered.status()).isEqualTo(128);
        assertThat(cache.get(HOME).orElseThrow().careOfAddress()).isEqualTo(CARE_OF);
        assertThat(counters.get(Counter.BACKUP_FAILURES)).isEqualTo(2);
    }

    @Test
    void aRestoredEntryIsConfirmedByTheNextUpdate() {
        cache.restore(List.of(new Mip6Binding(HOME, CARE_OF, 41, 600, NOW + 100_000, Mip6Binding.Origin.RESTORED)));
        assertThat(send(update(41, 10)).status()).as("the backed-up sequence number still counts").isEqualTo(135);
        assertThat(send(update(42, 10)).status()).isZero();
        assertThat(cache.get(HOME).orElseThrow().origin()).isEqualTo(Mip6Binding.Origin.REGISTERED);
        assertThat(accepted).containsExactly(HOME);
    }

    @Test
    void settingsAndPrefixesRefuseBadValues() {
        assertThatThrownBy(() -> Ipv6Prefix.parse("192.0.2.0/24")).hasMessageContaining("not an IPv6 prefix");
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:db8::/x")).hasMessageContaining("bad length");
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:db8::/129")).hasMessageContaining("0..128");
        assertThatThrownBy(() -> new HomeRegistrationSettings(RegistrationKind.HOME, List.of(), List.of(), 3600, 1,
                List.of()))
                .hasMessageContaining("no home prefix");
        assertThatThrownBy(() -> new HomeRegistrationSettings(RegistrationKind.HOME,
                List.of(Ipv6Prefix.parse("2001:db8::/64")), List.of(), 300_000, 1, List.of()))
                .hasMessageContaining("maxLifetimeSeconds");
        assertThat(Ipv6Prefix.parse("2001:db8:100::/60").contains(Addresses.v6("2001:db8:100:f::1"))).isTrue();
        assertThat(Ipv6Prefix.parse("2001:db8:100::/60").contains(Addresses.v6("2001:db8:100:10::1"))).isFalse();
        assertThat(Ipv6Prefix.parse("2001:db8:100::1").contains(Addresses.v6("2001:db8:100::1"))).isTrue();
    }
}
