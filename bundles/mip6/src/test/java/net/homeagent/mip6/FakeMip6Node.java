package net.homeagent.mip6;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

/**
 * A node running one correspondent node role with one restored entry ({@link #HOME}, asked once by
 * recovery), as the mip6:* commands and the management view read it; counters and progress set by
 * the test.
 */
public final class FakeMip6Node {

    public static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    public static final Inet6Address CARE_OF = Addresses.v6("2001:db8:a1::10");
    public final Mip6Counters counters = new Mip6Counters();
    public final Mip6Counters signalling = new Mip6Counters();
    public RecoveryProgress progress = RecoveryProgress.none();
    public OptionalInt proxied = OptionalInt.empty();

    public final Mip6RoleView role = new Mip6RoleView() {
        @Override
        public String name() {
            return "correspondent node";
        }

        @Override
        public Owner owner() {
            return Owner.CORRESPONDENT_NODE;
        }

        @Override
        public Optional<Scope> ownCounters() {
            return Optional.of(Scope.CORRESPONDENT);
        }

        @Override
        public List<Mip6Binding> bindings() {
            return List.of(new Mip6Binding(HOME, CARE_OF, 5, 600, 400_000, Mip6Binding.Origin.RESTORED));
        }

        @Override
        public Optional<Mip6Binding> binding(Inet6Address homeAddress) {
            return bindings().stream().filter(b -> b.homeAddress().equals(homeAddress)).findFirst();
        }

        @Override
        public Optional<String> recoveryState(Inet6Address homeAddress) {
            return homeAddress.equals(HOME) ? Optional.of("asked 1 of 3, care-of prefix 2001:db8:a1:0::/64")
                    : Optional.empty();
        }

        @Override
        public Mip6Counters counters() {
            return counters;
        }

        @Override
        public RecoveryProgress recovery() {
            return progress;
        }

        @Override
        public List<String> details(long nowMillis) {
            return List.of("3 nonces acceptable");
        }
    };

    public final Mip6View view = new Mip6View() {
        @Override
        public String status() {
            return "running on mip6ha0";
        }

        @Override
        public long nowMillis() {
            return 100_000;
        }

        @Override
        public Mip6Counters signallingCounters() {
            return signalling;
        }

        @Override
        public OptionalInt homeLinkProxied() {
            return proxied;
        }

        @Override
        public List<Mip6RoleView> roles() {
            return List.of(role);
        }
    };
}
