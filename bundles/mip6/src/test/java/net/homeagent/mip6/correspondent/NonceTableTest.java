package net.homeagent.mip6.correspondent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** RFC 6275 §5.2.7's rotation and lifetimes, in the test's time. */
class NonceTableTest {

    private final NonceTable table = new NonceTable(new Random(7));

    @Test
    void theLifetimesAreTheRfcsConstants() {
        assertThat(NonceTable.MAX_NONCE_LIFETIME_MILLIS).isEqualTo(240_000);
        assertThat(NonceTable.MAX_TOKEN_LIFETIME_MILLIS).isEqualTo(210_000);
        assertThat(NonceTable.ROTATION_MILLIS).isEqualTo(30_000);
    }

    @Test
    void oneNonceServesThirtySecondsThenANewOneWithANewKcnAndTheNextIndex() {
        NonceGeneration first = table.current(1_000);
        assertThat(table.current(30_999)).isSameAs(first);
        NonceGeneration second = table.current(31_000);
        assertThat(second.index()).isEqualTo((first.index() + 1) & 0xffff);
        assertThat(second.nonce()).isNotEqualTo(first.nonce()).hasSize(8);
        assertThat(second.kcn()).isNotEqualTo(first.kcn()).hasSize(20);
    }

    @Test
    void aNonceIsAcceptedUntilMaxNonceLifetimeAfterItsFirstUseAndNotAfter() {
        NonceGeneration first = table.current(0);
        assertThat(table.find(first.index(), 239_999)).containsSame(first);
        assertThat(table.find(first.index(), 240_000)).isEmpty();
    }

    @Test
    void aTokenHandedOutAtTheEndOfItsNoncesThirtySecondsStaysValidForMaxTokenLifetime() {
        NonceGeneration first = table.current(0);
        assertThat(table.current(29_999)).isSameAs(first);   // handed out at 29.999 s
        assertThat(table.find(first.index(), 29_999 + NonceTable.MAX_TOKEN_LIFETIME_MILLIS)).isPresent();
    }

    @Test
    void atMostEightNoncesAreHeldUnderSteadyDemand() {
        for (long t = 0; t <= 600_000; t += 1_000) {
            table.current(t);
            assertThat(table.held(t)).isLessThanOrEqualTo(8);
        }
        assertThat(table.held(600_000)).isEqualTo(8);
        assertThat(table.held(600_000 + NonceTable.MAX_NONCE_LIFETIME_MILLIS)).isZero();
    }

    @Test
    void indicesWrapModulo65536AndStartWhereTheRandomSaysSoARestartDoesNotReuseThem() {
        NonceTable wrapping = new NonceTable(new ScriptedRandom(0xffff,
                java.util.List.of(new byte[8], new byte[20], new byte[8], new byte[20])));
        assertThat(wrapping.current(0).index()).isEqualTo(0xffff);
        assertThat(wrapping.current(30_000).index()).isZero();
        assertThat(wrapping.find(0xfffe, 30_000)).isEmpty();
    }

    @Test
    void anIndexNeverHandedOutIsNotFound() {
        NonceGeneration first = table.current(0);
        assertThat(table.find((first.index() + 5) & 0xffff, 1)).isEmpty();
    }
}
