package net.homeagent.shell;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.codec.RegistrationFlags;

/** Every field of the bindings of one home address, like IOS {@code show ip mobile binding <addr>}. */
@Command(scope = "mip", name = "binding", description = "Shows every field of the bindings of a home address")
@Service
public class BindingCommand extends RenderedCommand {

    private static final String NL = System.lineSeparator();

    @Reference
    BindingStore store;

    /** Optional: without a data plane bundle the bindings show without counters. */
    @Reference(optional = true)
    DataPlane dataPlane;

    @Argument(index = 0, name = "home-address", description = "The mobile node's home address", required = true)
    @Completion(HomeAddressCompleter.class)
    String homeAddress;

    Clock clock = Clock.systemUTC();

    @Override
    String render() {
        Inet4Address hoa = AddressArgument.parse(homeAddress);
        List<Binding> bindings = store.find(hoa);
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        out.append("Mobility Binding List: Total ").append(bindings.size()).append(NL);
        if (bindings.isEmpty()) {
            out.append("No binding for ").append(hoa.getHostAddress()).append(NL);
        }
        for (Binding b : bindings) {
            append(out, b, now);
        }
        return out.toString();
    }

    private void append(StringBuilder out, Binding b, Instant now) {
        long remaining = b.remainingSeconds(now);
        out.append(BindingText.address(b.homeAddress())).append(':').append(NL);
        line(out, "Care-of Addr " + BindingText.address(b.careOfAddress()));
        line(out, "Src Addr " + BindingText.address(b.sourceAddress()) + ", port " + b.sourcePort() + " ("
                + BindingText.sourceRole(b) + ")");
        line(out, "Home Agent " + BindingText.address(b.homeAgent()));
        line(out, "NAI " + b.nai().orElse("none"));
        line(out, "Lifetime granted " + BindingText.hms(b.grantedLifetime()) + " (" + b.grantedLifetime()
                + "), remaining " + BindingText.hms(remaining) + " (" + remaining + ")");
        line(out, "Flags " + RegistrationFlags.describe(b.flags()) + ", Identification "
                + BindingText.identification(b.identification()));
        line(out, "Encapsulation " + BindingText.tunnel(b.encapsulation(), b.innerEncapsulation()) + ", Reverse tunnel "
                + BindingText.yesNo(b.reverseTunnel()));
        line(out, "Registered at " + BindingText.instant(b.registeredAt()) + ", expires at "
                + BindingText.instant(b.expiresAt()));
        if (dataPlane != null) {
            line(out, dataPlane.counters(b.key()).map(TunnelText::counters)
                    .orElse("Not forwarded: " + dataPlane.status().detail()));
        }
    }

    private static void line(StringBuilder out, String text) {
        out.append("    ").append(text).append(NL);
    }
}
