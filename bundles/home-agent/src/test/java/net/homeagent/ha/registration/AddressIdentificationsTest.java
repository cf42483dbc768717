package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AddressIdentificationsTest {

    private final AddressIdentifications table = new AddressIdentifications();

    @Test
    void everyAddressKeepsItsOwnIdentificationAcrossGrowth() {
        // consecutive addresses (as pools hand them out) and random ones, far past the first arrays
        Random random = new Random(5);
        int[] addresses = IntStream.range(0, 200_000).map(i -> i % 2 == 0 ? 0x0a00_0000 + i : random.nextInt())
                .distinct().toArray();
        for (int i = 0; i < addresses.length; i++) {
            assertThat(table.advance(addresses[i], 1_000 + i, OptionalLong::empty)).isTrue();
        }
        for (int i = 0; i < addresses.length; i++) {
            assertThat(table.advance(addresses[i], 1_000 + i, OptionalLong::empty)).as("address %d", i).isFalse();
            assertThat(table.advance(addresses[i], 1_001 + i, OptionalLong::empty)).as("address %d", i).isTrue();
        }
        assertThat(table.size()).isEqualTo(addresses.length);
    }

    @Test
    void identificationsGrowAsUnsignedNumbers() {
        assertThat(table.advance(7, 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isTrue();
        assertThat(table.advance(7, 0x8000_0000_0000_0000L, OptionalLong::empty)).isTrue();
        assertThat(table.advance(7, 0x7fff_ffff_ffff_ffffL, OptionalLong::empty)).isFalse();
        assertThat(table.advance(7, 0x8000_0000_0000_0000L, OptionalLong::empty)).isFalse();
    }

    @Test
    void theFallbackDecidesANodeSeenForTheFirstTimeAndIsNotAskedAgain() {
        assertThat(table.advance(9, 10, () -> OptionalLong.of(10))).isFalse();
        assertThat(table.advance(9, 11, () -> {
            throw new AssertionError("the recorded identification answers now");
        })).isTrue();
        assertThat(table.advance(10, 12, () -> OptionalLong.of(11))).isTrue();
        assertThat(table.advance(10, 12, OptionalLong::empty)).isFalse();
    }

    @Test
    void addressZeroIsANodeLikeAnyOther() {
        assertThat(table.advance(0, 5, () -> OptionalLong.of(5))).isFalse();
        assertThat(table.advance(0, 6, OptionalLong::empty)).isTrue();
        assertThat(table.advance(0, 6, OptionalLong::empty)).isFalse();
        assertThat(table.advance(1 << 24, 1, OptionalLong::empty)).isTrue();
        assertThat(table.size()).isEqualTo(2);
    }
}
