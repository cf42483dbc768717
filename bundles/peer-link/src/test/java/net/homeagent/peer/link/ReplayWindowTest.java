package net.homeagent.peer.link;

import static net.homeagent.peer.link.ReplayWindow.Verdict.NEW;
import static net.homeagent.peer.link.ReplayWindow.Verdict.SEEN;
import static net.homeagent.peer.link.ReplayWindow.Verdict.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The RFC 4303 §3.4.3 sliding window. */
class ReplayWindowTest {

    @Test
    void everyNumberIsNewToAnEmptyWindow() {
        ReplayWindow window = new ReplayWindow(64);
        assertThat(window.check(0)).isEqualTo(NEW);
        assertThat(window.check(-1)).isEqualTo(NEW);
    }

    @Test
    void aMarkedNumberIsSeenAndItsNeighboursNew() {
        ReplayWindow window = new ReplayWindow(64);
        window.mark(100);
        assertThat(window.check(100)).isEqualTo(SEEN);
        assertThat(window.check(99)).isEqualTo(NEW);
        assertThat(window.check(101)).isEqualTo(NEW);
    }

    @Test
    void lateNumbersInsideTheWindowAreAcceptedOnce() {
        ReplayWindow window = new ReplayWindow(64);
        window.mark(100);
        window.mark(90);
        assertThat(window.check(90)).isEqualTo(SEEN);
        assertThat(window.check(37)).isEqualTo(NEW);
        assertThat(window.check(36)).isEqualTo(TOO_OLD);
    }

    @Test
    void slidingForwardForgetsTheBitsThatLeftTheWindow() {
        ReplayWindow window = new ReplayWindow(128);
        window.mark(1);
        window.mark(129);
        // 129 - 1 = 128 behind: below the window, whether seen or not
        assertThat(window.check(1)).isEqualTo(TOO_OLD);
        assertThat(window.check(2)).isEqualTo(NEW);
        window.mark(2);
        window.mark(2 + 128 + 128);
        assertThat(window.check(2 + 128 + 128)).isEqualTo(SEEN);
        // 257 shares its bit with 129, which was seen but has left the window: 257 is new
        assertThat(window.check(257)).isEqualTo(NEW);
    }

    @Test
    void aJumpOfMoreThanTheWindowClearsIt() {
        ReplayWindow window = new ReplayWindow(64);
        for (int i = 1; i <= 64; i++) {
            window.mark(i);
        }
        window.mark(1000);
        for (int i = 1000 - 63; i < 1000; i++) {
            assertThat(window.check(i)).isEqualTo(NEW);
        }
    }

    @Test
    void numbersCompareUnsigned() {
        ReplayWindow window = new ReplayWindow(64);
        window.mark(Long.MAX_VALUE);
        window.mark(Long.MIN_VALUE); // 2^63, above 2^63 - 1
        assertThat(window.check(Long.MAX_VALUE)).isEqualTo(SEEN);
        assertThat(window.check(Long.MIN_VALUE + 1)).isEqualTo(NEW);
    }

    @Test
    void theWidthIsAMultipleOf64() {
        assertThatThrownBy(() -> new ReplayWindow(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
