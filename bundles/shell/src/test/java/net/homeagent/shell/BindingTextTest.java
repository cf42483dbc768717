package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;

class BindingTextTest {

    @Test
    void lifetimesAreHoursMinutesSecondsWithoutWrappingAtADay() {
        assertThat(BindingText.hms(0)).isEqualTo("00:00:00");
        assertThat(BindingText.hms(59)).isEqualTo("00:00:59");
        assertThat(BindingText.hms(3661)).isEqualTo("01:01:01");
        assertThat(BindingText.hms(65535)).isEqualTo("18:12:15");
        assertThat(BindingText.hms(100 * 3600)).isEqualTo("100:00:00");
    }

    @Test
    void identificationIsHighDotLowInHex() {
        assertThat(BindingText.identification(0xE9E4A1B2_0000002AL)).isEqualTo("E9E4A1B2.0000002A");
        assertThat(BindingText.identification(-1L)).isEqualTo("FFFFFFFF.FFFFFFFF");
    }

    @Test
    void encapsulationsUseTheirConfigurationNames() {
        assertThat(BindingText.encapsulation(Encapsulation.IP_IN_IP)).isEqualTo("ip-in-ip");
        assertThat(BindingText.encapsulation(Encapsulation.MINIMAL)).isEqualTo("minimal");
        assertThat(BindingText.encapsulation(Encapsulation.GRE)).isEqualTo("gre");
        assertThat(BindingText.encapsulation(Encapsulation.UDP)).isEqualTo("udp");
        assertThat(BindingText.tunnel(Encapsulation.GRE, Encapsulation.IP_IN_IP)).isEqualTo("gre");
        assertThat(BindingText.tunnel(Encapsulation.UDP, Encapsulation.MINIMAL)).isEqualTo("udp/minimal");
    }
}
