package net.homeagent.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Jazzer over the values of net.homeagent.ha.cfg that are parsed by hand: IPv4 addresses
 * ({@code listenAddresses}, {@code homeAgentAddresses}) and address pools ({@code addressPools}).
 * A bad value is reported and skipped by {@link HomeAgentSettings}, which catches
 * IllegalArgumentException only: any other exception would stop the component. What parses must
 * print back to itself. Inputs: {@code ConfigValuesFuzzTestInputs/<method>}, one value a file.
 */
class ConfigValuesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void ipv4(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        Optional<Inet4Address> parsed = Ipv4.parse(text);
        parsed.ifPresent(address -> assertThat(Ipv4.parse(address.getHostAddress())).contains(address));
    }

    @FuzzTest(maxDuration = "30s")
    void addressPool(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        AddressPool pool;
        try {
            pool = AddressPool.parse(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(AddressPool.parse(pool.toString())).isEqualTo(pool);
    }
}
