package net.homeagent.shell;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.codec.RegistrationFlags;

/** The mobility binding list, one line per binding, like IOS {@code show ip mobile binding}. */
@Command(scope = "mip", name = "bindings", description = "Lists the mobility bindings")
@Service
public class BindingsCommand extends RenderedCommand {

    private static final String ROW = "%-16s %-16s %-16s %-9s %-9s %-8s %-9s %s%n";

    @Reference
    BindingStore store;

    @Option(name = "--home", description = "Only the bindings of this home address")
    String home;

    @Option(name = "--care-of", description = "Only the bindings at this care-of address")
    String careOf;

    Clock clock = Clock.systemUTC();

    @Override
    String render() {
        Predicate<Binding> filter = matching(home, Binding::homeAddress).and(matching(careOf, Binding::careOfAddress));
        List<Binding> bindings = store.list(filter);
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        out.append("Mobility Binding List: Total ").append(bindings.size()).append(System.lineSeparator());
        if (bindings.isEmpty()) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, ROW, "Home Addr", "Care-of Addr", "Src Addr", "Lifetime", "Remaining",
                "Flags", "Encap", "Reverse"));
        for (Binding b : bindings) {
            out.append(String.format(Locale.ROOT, ROW, BindingText.address(b.homeAddress()),
                    BindingText.address(b.careOfAddress()), BindingText.address(b.sourceAddress()),
                    BindingText.hms(b.grantedLifetime()), BindingText.hms(b.remainingSeconds(now)),
                    RegistrationFlags.describe(b.flags()), BindingText.tunnel(b.encapsulation(), b.innerEncapsulation()),
                    BindingText.yesNo(b.reverseTunnel())));
        }
        return out.toString();
    }

    private static Predicate<Binding> matching(String address, Function<Binding, Inet4Address> field) {
        Optional<Inet4Address> wanted = Optional.ofNullable(address).map(AddressArgument::parse);
        return b -> wanted.map(w -> w.equals(field.apply(b))).orElse(true);
    }
}
