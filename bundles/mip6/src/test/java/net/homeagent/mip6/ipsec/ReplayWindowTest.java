package net.homeagent.mip6.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 4303 §3.4.3's window of 64. */
class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow();

    @Test
    void zeroIsNeverFreshAndEachNumberOnlyOnce() {
        assertThat(window.isFresh(0)).isFalse();
        assertThat(window.accept(1)).isTrue();
        assertThat(window.accept(1)).isFalse();
        assertThat(window.accept(3)).isTrue();
        assertThat(window.accept(2)).as("late but inside the window").isTrue();
        assertThat(window.isFresh(2)).isFalse();
    }

    @Test
    void theWindowIs64Wide() {
        assertThat(window.accept(100)).isTrue();
        assertThat(window.isFresh(37)).as("100 - 63: the window's left edge").isTrue();
        assertThat(window.isFresh(36)).as("left of the window").isFalse();
        assertThat(window.accept(200)).isTrue();
        assertThat(window.isFresh(100)).isFalse();
        assertThat(window.isFresh(137)).isTrue();
        assertThat(window.accept(0xFFFF_FFFFL)).isTrue();
        assertThat(window.isFresh(200)).isFalse();
    }

    @Test
    void checkingDoesNotMoveTheWindow() {
        assertThat(window.isFresh(500)).isTrue();
        assertThat(window.accept(5)).as("a forged 500 that failed its ICV left the window where it was").isTrue();
    }
}
