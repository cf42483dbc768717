package net.homeagent.mip6.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;

/**
 * A Mobility Anchor Point's registrations (RFC 5380): a local Binding Update with M and A binds a
 * regional care-of address (in the Home Address option) to an on-link care-of address (the source),
 * checked, renewed and deregistered as a home agent does (the home agent's own rules are
 * {@code HomeRegistrationTest}'s).
 */
class MapRegistrationTest {

    private static final Inet6Address MAP = Addresses.v6("2001:db8:300::1");
    private static final Inet6Address RCOA = Addresses.v6("2001:db8:300::77");
    private static final Inet6Address LCOA = Addresses.v6("2001:db8:a7::77");
    private static final long NOW = 1_700_000_000_000L;

    private final Mip6Counters counters = new Mip6Counters();
    private final List<Inet6Address> accepted = new ArrayList<>();
    private final BindingCache cache = new BindingCache(CacheBackup.NONE);
    private final HomeRegistration map = new HomeRegistration(new HomeRegistrationSettings(RegistrationKind.MAP,
            List.of(Ipv6Prefix.parse("2001:db8:300::/64")), List.of(), 3600, 10, List.of(MAP)), cache, rcoa -> false,
            counters, accepted::add);

    /** A local Binding Update: A, not H, M as given (RFC 5380 §4.1). */
    private static BindingUpdate local(int sequence, int lifetimeUnits, boolean acknowledge, boolean home,
            boolean mapFlag) {
        return new BindingUpdate(sequence, acknowledge, home, false, false, mapFlag, lifetimeUnits, List.of());
    }

    private RegistrationResult send(BindingUpdate update, Inet6Address rcoa) {
        return map.process(new ReceivedBindingUpdate(LCOA, MAP, Optional.of(rcoa), update), NOW);
    }

    @Test
    void aLocalBindingUpdateBindsTheRegionalToTheOnLinkCareOfAddress() {
        RegistrationResult result = send(local(5, 100, true, false, true), RCOA);

        assertThat(result.status()).isZero();
        assertThat(result.sendAck()).isTrue();
        assertThat(result.homeAddress()).isEqualTo(RCOA);
        assertThat(result.careOfAddress()).isEqualTo(LCOA);
        assertThat(cache.get(RCOA)).contains(new Mip6Binding(RCOA, LCOA, 5, 400, NOW + 400_000,
                Mip6Binding.Origin.REGISTERED));
        assertThat(accepted).containsExactly(RCOA);
    }

    @Test
    void aMovedMobileRenewsWithItsNewOnLinkAddressAndDeregistersWithLifetimeZero() {
        send(local(5, 100, true, false, true), RCOA);
        Inet6Address moved = Addresses.v6("2001:db8:a8::77");
        RegistrationResult renewed = map.process(new ReceivedBindingUpdate(moved, MAP, Optional.of(RCOA),
                local(6, 100, true, false, true)), NOW);
        assertThat(renewed.status()).isZero();
        assertThat(cache.get(RCOA).orElseThrow().careOfAddress()).isEqualTo(moved);

        assertThat(send(local(6, 100, true, false, true), RCOA).status()).as("sequence not greater").isEqualTo(135);
        assertThat(send(local(7, 0, true, false, true), RCOA).status()).isZero();
        assertThat(cache.get(RCOA)).isEmpty();
    }

    @Test
    void withoutMOrAOrWithHTheUpdateIsNoMapRegistration129() {
        assertThat(send(local(1, 10, true, false, false), RCOA).reason()).contains("no M flag");
        assertThat(send(local(1, 10, true, true, true), RCOA).reason()).contains("M and H flags");
        RegistrationResult withoutA = send(local(1, 10, false, false, true), RCOA);
        assertThat(withoutA.reason()).contains("M flag without A");
        assertThat(withoutA.sendAck()).as("a refusal is acknowledged all the same (§9.5.1)").isTrue();
        assertThat(List.of(withoutA.status())).containsOnly(129);
        assertThat(counters.acknowledgements()).containsEntry(129, 3L);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aRegionalAddressOutsideTheMapPrefixesIs132AndTheMapsOwnIs129() {
        RegistrationResult outside = send(local(1, 10, true, false, true), Addresses.v6("2001:db8:999::1"));
        assertThat(outside.status()).isEqualTo(132);
        assertThat(outside.reason()).startsWith("regional care-of address outside the prefixes");
        assertThat(send(local(1, 10, true, false, true), MAP).status()).isEqualTo(129);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aMapWithoutPrefixesIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> new HomeRegistrationSettings(RegistrationKind.MAP, List.of(), List.of(), 3600, 1,
                List.of())).hasMessageContaining("mapPrefixes");
    }
}
