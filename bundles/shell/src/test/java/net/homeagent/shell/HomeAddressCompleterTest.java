package net.homeagent.shell;

import static net.homeagent.shell.Bindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.codec.RegistrationFlags;

class HomeAddressCompleterTest {
    private final FakeBindingStore store = new FakeBindingStore();
    private final HomeAddressCompleter completer = new HomeAddressCompleter();

    @BeforeEach
    void fill() {
        completer.store = store;
        store.register(binding("10.0.0.10", "203.0.113.5", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.10", "203.0.113.6", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.2", "203.0.113.5", 600, 0, Encapsulation.IP_IN_IP, false), true);
        store.register(binding("172.16.0.1", "203.0.113.5", 600, 0, Encapsulation.IP_IN_IP, false), true);
    }

    @Test
    void offersEachHomeAddressOnceInAddressOrder() {
        assertThat(completer.homeAddresses()).containsExactly("10.0.0.2", "10.0.0.10", "172.16.0.1");
    }

    @Test
    void completesThePrefixTyped() {
        List<String> candidates = new ArrayList<>();

        completer.complete(null, typed("mip:binding 10.0"), candidates);

        assertThat(candidates).extracting(String::trim).containsExactlyInAnyOrder("10.0.0.2", "10.0.0.10");
    }

    /** The command line as the console hands it over with the cursor at the end of the last argument. */
    private static CommandLine typed(String buffer) {
        String[] arguments = buffer.split(" ");
        String last = arguments[arguments.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return arguments.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return last;
            }

            @Override
            public int getArgumentPosition() {
                return last.length();
            }

            @Override
            public String[] getArguments() {
                return arguments.clone();
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }
}
