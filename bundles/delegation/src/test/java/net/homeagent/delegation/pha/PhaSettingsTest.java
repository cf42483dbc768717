package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class PhaSettingsTest {

    static PhaConfig config(String[] shas, String policy, String order, int ackTimeout, int misses) {
        return config(shas, policy, order, ackTimeout, misses, 1000, 200);
    }

    static PhaConfig config(String[] shas, String policy, String order, int ackTimeout, int misses, long above,
            long below) {
        return config(shas, policy, order, ackTimeout, misses, above, below, 64);
    }

    static PhaConfig config(String[] shas, String policy, String order, int ackTimeout, int misses, long above,
            long below, int window) {
        return new PhaConfig() {
            @Override public Class<? extends Annotation> annotationType() { return PhaConfig.class; }
            @Override public boolean enabled() { return true; }
            @Override public String[] shas() { return shas; }
            @Override public String policy() { return policy; }
            @Override public String order() { return order; }
            @Override public int ackTimeoutMillis() { return ackTimeout; }
            @Override public int heartbeatMillis() { return 200; }
            @Override public int heartbeatMisses() { return misses; }
            @Override public int startsInFlight() { return window; }
            @Override public int startsPerMessage() { return 16; }
            @Override public int loadIntervalMillis() { return 500; }
            @Override public long moveAbovePackets() { return above; }
            @Override public long returnBelowPackets() { return below; }
            @Override public int maxMovesPerInterval() { return 4; }
            @Override public int holdIntervals() { return 6; }
            @Override public int evenBandPercent() { return 25; }
            @Override public String checkpointFile() { return ""; }
        };
    }

    @Test
    void shasAreReadFromOneTextOrSeveralValues() {
        PhaSettings one = PhaSettings.from(config(new String[] {"2@10.9.0.2:7434, 3@10.9.0.3:7435"}, "equal-split",
                "after-ack", 500, 2));
        PhaSettings several = PhaSettings.from(config(new String[] {"2@10.9.0.2:7434", "3@10.9.0.3:7435"}, "manual",
                "at-once", 500, 2));
        assertThat(one.shas()).isEqualTo(several.shas());
        assertThat(one.shas().get(1).address().getPort()).isEqualTo(7435);
        assertThat(one.order()).isEqualTo(ReplyOrder.AFTER_ACK);
        assertThat(one.silence().toMillis()).isEqualTo(400);
        assertThat(one.load()).isEqualTo(new LoadSettings(java.time.Duration.ofMillis(500), 1000, 200, 4, 6, 25));
        assertThat(one.load().hold().toMillis()).isEqualTo(3000);
        assertThat(one.startsInFlight()).isEqualTo(64);
        assertThat(one.startsPerMessage()).isEqualTo(16);
    }

    @Test
    void theLoadPoliciesValuesAreCheckedAndTheReturnMustBeBelowTheMove() {
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 500, 2, 1000, 1000)))
                .hasMessageStartingWith("returnBelowPackets: 1000 must be 0..999");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 500, 2, 0, 0)))
                .hasMessageStartingWith("moveAbovePackets:");
        assertThatThrownBy(() -> new LoadSettings(java.time.Duration.ofMillis(50), 10, 1, 1, 1, 1))
                .hasMessageStartingWith("loadIntervalMillis:");
        assertThatThrownBy(() -> new LoadSettings(java.time.Duration.ofSeconds(1), 10, 1, 0, 1, 1))
                .hasMessageStartingWith("maxMovesPerInterval:");
        assertThatThrownBy(() -> new LoadSettings(java.time.Duration.ofSeconds(1), 10, 1, 1, 0, 1))
                .hasMessageStartingWith("holdIntervals:");
        assertThatThrownBy(() -> new LoadSettings(java.time.Duration.ofSeconds(1), 10, 1, 1, 1, 0))
                .hasMessageStartingWith("evenBandPercent:");
    }

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> PhaSettings.from(config(new String[] {"10.9.0.2:7434"}, "manual", "at-once", 500, 2)))
                .hasMessageStartingWith("shas: not nodeId@address:port");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[] {"2@10.9.0.2:7434", "2@10.9.0.3:7434"}, "manual",
                "at-once", 500, 2))).hasMessage("shas: node 2 twice");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[] {"0@10.9.0.2:7434"}, "manual", "at-once", 500, 2)))
                .hasMessageContaining("node id");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[] {"2@10.9.0.2:70000"}, "manual", "at-once", 500,
                2))).hasMessageContaining("UDP port");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "sometimes", 500, 2)))
                .hasMessageStartingWith("order:");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 5, 2)))
                .hasMessageStartingWith("ackTimeoutMillis:");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 500, 0)))
                .hasMessageStartingWith("heartbeatMisses:");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 500, 2, 1000, 200, 0)))
                .hasMessage("startsInFlight: 0 out of 1..16384");
        assertThatThrownBy(() -> PhaSettings.from(config(new String[0], "manual", "at-once", 500, 2, 1000, 200,
                65_536))).hasMessage("startsInFlight: 65536 out of 1..16384");
        assertThatThrownBy(() -> Policies.standard("round-robin", LoadSettings.DEFAULTS))
                .hasMessageContaining("unknown policy 'round-robin'");
    }
}
