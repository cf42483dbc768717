package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressArgumentTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.10", "255.255.255.255", " 192.0.2.1 ", "010.0.0.1"})
    void readsDottedQuads(String text) {
        assertThat(AddressArgument.parse(text).getHostAddress()).isEqualTo(text.trim().replace("010.", "10."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "10.0.0.256", "10.0.0.-1", "10..0.1", "10.0.0.1.",
            "localhost", "::1", "1e1.0.0.1", "0010.0.0.1"})
    void refusesAnythingElseWithoutALookup(String text) {
        assertThatThrownBy(() -> AddressArgument.parse(text)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid IPv4 address '" + text + "' (expected a.b.c.d)");
    }
}
