package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConsoleOutputTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void printsWhatWasRendered() {
        ConsoleOutput.print(() -> "Mobility Binding List: Total 0\n", out);

        assertThat(text()).isEqualTo("Mobility Binding List: Total 0\n");
    }

    @Test
    void aTypingMistakeIsOneMarkedLine() {
        BindingCommand command = new BindingCommand();
        command.homeAddress = "10.0.0";

        ConsoleOutput.print(command::render, out);

        assertThat(text()).isEqualTo("% Invalid IPv4 address '10.0.0' (expected a.b.c.d)" + System.lineSeparator());
    }

    @Test
    void aFaultThatIsNotTheOperatorsStillReachesTheShell() {
        assertThatThrownBy(() -> ConsoleOutput.print(() -> {
            throw new IllegalStateException("store gone");
        }, out)).isInstanceOf(IllegalStateException.class);
        assertThat(text()).isEmpty();
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
