package net.homeagent.dataplane;

import static net.homeagent.dataplane.Specs.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.DelegatedForwarding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.TunnelHolder;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.support.ServingWatchers;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.FakeDataPlane;

class BindingTunnelDriverTest {

    private final FakeDataPlane plane = new FakeDataPlane();
    private final FakeBindingStore store = new FakeBindingStore();
    private final HandDrivenExecutor worker = new HandDrivenExecutor();
    private BindingTunnelDriver driver;

    private static Binding binding(String home, String careOf, Encapsulation encapsulation, int lifetime) {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        return new Binding(ip(home), ip(careOf), ip("10.0.1.1"), ip(careOf), 434, Optional.empty(), lifetime, now,
                now.plusSeconds(lifetime), 1, 0, encapsulation, true);
    }

    /** The calls the data plane got since the last look, after the driver's thread had its turn. */
    private List<String> afterTheWorker() throws InterruptedException {
        worker.runAll();
        List<String> calls = new ArrayList<>();
        for (String call = plane.nextCall(0); call != null; call = plane.nextCall(0)) {
            calls.add(call);
        }
        return calls;
    }

    private void start() {
        driver = new BindingTunnelDriver(plane, true, worker);
        store.listen(driver);
        driver.bindStore(store);
    }

    private String counters() {
        return driver.facts().get(0);
    }

    @AfterEach
    void stop() {
        driver.stop();
    }

    @Test
    void atStartTheLiveBindingsAreReconciledThenEachChangeIsApplied() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        start();
        assertThat(plane.nextCall(0)).as("nothing on the registering thread").isNull();
        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP]");

        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.11@192.0.2.2/GRE");
        // the renewal with the same tunnel asks nothing; the one with another encapsulation reinstalls
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 120), false);
        assertThat(afterTheWorker()).isEmpty();
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL, 120), false);
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.11@192.0.2.2/MINIMAL");
        store.remove(ip("10.0.1.11"), ip("192.0.2.2"), RemovalReason.DEREGISTERED);
        assertThat(afterTheWorker()).containsExactly("remove 10.0.1.11@192.0.2.2");
        assertThat(counters()).isEqualTo("binding driver: serving, 3 data plane calls, 0 failed, 0 binding changes"
                + " coalesced, 0 home addresses waiting, 0 take-overs, 0 changes ignored standing by");
    }

    @Test
    void installUpdateAndRemoveOfATunnelNeverInstalledAskNothing() throws InterruptedException {
        start();
        afterTheWorker();

        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL, 60), false);
        store.remove(ip("10.0.1.11"), ip("192.0.2.2"), RemovalReason.DEREGISTERED);

        assertThat(counters()).contains(" 1 home addresses waiting");
        assertThat(afterTheWorker()).isEmpty();
        assertThat(counters()).isEqualTo("binding driver: serving, 0 data plane calls, 0 failed, 3 binding changes"
                + " coalesced, 0 home addresses waiting, 0 take-overs, 0 changes ignored standing by");
    }

    @Test
    void updatesAndRemoveOfAnInstalledTunnelAreOneRemove() throws InterruptedException {
        start();
        afterTheWorker();
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);
        afterTheWorker();

        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.remove(ip("10.0.1.11"), ip("192.0.2.2"), RemovalReason.DEREGISTERED);

        assertThat(afterTheWorker()).containsExactly("remove 10.0.1.11@192.0.2.2");
        assertThat(counters()).contains(" 2 binding changes coalesced");
    }

    @Test
    void severalUpdatesAreTheLast() throws InterruptedException {
        start();
        afterTheWorker();
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);
        afterTheWorker();

        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.UDP, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);

        assertThat(afterTheWorker()).containsExactly("install 10.0.1.11@192.0.2.2/IP_IN_IP");
    }

    @Test
    void aMobileNodeThatMovedIsOneUpdate() throws InterruptedException {
        start();
        afterTheWorker();
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        afterTheWorker();

        // REMOVED(REPLACED) of 192.0.2.2, then ADDED at 192.0.2.3, then that one moves on again
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.10", "192.0.2.4", Encapsulation.IP_IN_IP, 60), false);

        assertThat(afterTheWorker()).containsExactly("update 10.0.1.10@192.0.2.2 -> 10.0.1.10@192.0.2.4/IP_IN_IP");
    }

    @Test
    void aReplacedBindingWhoseSuccessorIsNotAnnouncedYetIsStillAMove() throws InterruptedException {
        driver = new BindingTunnelDriver(plane, true, worker);
        driver.bindStore(store);
        Binding before = binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60);
        Binding after = binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60);
        driver.bindingChanged(BindingEvent.added(before));
        afterTheWorker();
        // the store (not listened to here) has the binding at the new care-of address already; the
        // driver's thread comes between its REPLACED and its ADDED
        store.register(after, false);

        driver.bindingChanged(BindingEvent.removed(before, RemovalReason.REPLACED));
        assertThat(afterTheWorker()).containsExactly("update 10.0.1.10@192.0.2.2 -> 10.0.1.10@192.0.2.3/IP_IN_IP");
        driver.bindingChanged(BindingEvent.added(after));
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.10@192.0.2.3/IP_IN_IP");
    }

    @Test
    void perHomeAddressTheLastStateWinsWhateverTheOrderAcrossHomeAddresses() throws InterruptedException {
        start();
        afterTheWorker();
        List<String> homes = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            homes.add("10.0.2." + i);
            store.register(binding(homes.get(i), "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        }
        afterTheWorker();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < homes.size(); i++) {
            String home = homes.get(i);
            switch (i % 3) {
                case 0 -> {
                    store.register(binding(home, "192.0.2.2", Encapsulation.GRE, 60), false);
                    store.register(binding(home, "192.0.2.2", Encapsulation.MINIMAL, 60), false);
                    expected.add("install " + home + "@192.0.2.2/MINIMAL");
                }
                case 1 -> {
                    store.register(binding(home, "192.0.2.2", Encapsulation.GRE, 60), false);
                    store.remove(ip(home), ip("192.0.2.2"), RemovalReason.DEREGISTERED);
                    expected.add("remove " + home + "@192.0.2.2");
                }
                default -> {
                    // gone and back as it was: the host has it already
                    store.remove(ip(home), ip("192.0.2.2"), RemovalReason.DEREGISTERED);
                    store.register(binding(home, "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
                }
            }
        }
        assertThat(counters()).contains(" 90 home addresses waiting");

        assertThat(afterTheWorker()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(plane.tunnels()).hasSize(60);
        // 90 installs, then 180 changes in 60 calls
        assertThat(counters()).isEqualTo("binding driver: serving, 150 data plane calls, 0 failed, 120 binding"
                + " changes coalesced, 0 home addresses waiting, 0 take-overs, 0 changes ignored standing by");
    }

    @Test
    void changesWaitingWhenTheStoreArrivesStartFromWhatTheReconcileMade() throws InterruptedException {
        driver = new BindingTunnelDriver(plane, true, worker);
        store.listen(driver);
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);

        driver.bindStore(store);

        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP, 10.0.1.11@192.0.2.2/GRE]");
        store.remove(ip("10.0.1.11"), ip("192.0.2.2"), RemovalReason.DEREGISTERED);
        assertThat(afterTheWorker()).containsExactly("remove 10.0.1.11@192.0.2.2");
    }

    @Test
    void aDataPlaneThatDoesNotForwardIsToldOnTheRegisteringThreadWithoutTheMoveLookup() throws InterruptedException {
        plane.status(new DataPlaneStatus("none", false, "forwarding OFF: test", 0, List.of()));
        start();
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);

        // already there when register returns: no queue, no worker in between
        assertThat(plane.nextCall(0)).isEqualTo("reconcile []");
        assertThat(plane.nextCall(0)).isEqualTo("install 10.0.1.10@192.0.2.2/IP_IN_IP");
        assertThat(plane.nextCall(0)).isEqualTo("remove 10.0.1.10@192.0.2.2");
        assertThat(plane.nextCall(0)).isEqualTo("install 10.0.1.10@192.0.2.3/IP_IN_IP");
    }

    /** A primary home agent's delegations, set by the test. */
    private static final class Delegations implements DelegatedForwarding {
        private final java.util.Set<java.net.Inet4Address> delegated = new java.util.HashSet<>();
        private final List<Consumer<java.net.Inet4Address>> watchers = new ArrayList<>();

        void set(String home, boolean now) {
            if (now ? delegated.add(ip(home)) : delegated.remove(ip(home))) {
                watchers.forEach(w -> w.accept(ip(home)));
            }
        }

        @Override
        public boolean delegated(java.net.Inet4Address homeAddress) {
            return delegated.contains(homeAddress);
        }

        @Override
        public void addWatcher(Consumer<java.net.Inet4Address> watcher) {
            watchers.add(watcher);
        }

        @Override
        public void removeWatcher(Consumer<java.net.Inet4Address> watcher) {
            watchers.remove(watcher);
        }
    }

    @Test
    void aDelegatedHomeAddressLeavesTheHostAndComesBackWhenTakenBack() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        start();
        Delegations delegations = new Delegations();
        driver.bindDelegation(delegations);
        afterTheWorker();

        delegations.set("10.0.1.10", true);
        assertThat(afterTheWorker()).containsExactly("remove 10.0.1.10@192.0.2.2");
        // its renewals and care-of changes are the other node's business while delegated
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);
        assertThat(afterTheWorker()).isEmpty();
        delegations.set("10.0.1.10", false);
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.10@192.0.2.3/IP_IN_IP");

        // a start (or reconcile) leaves delegated home addresses out
        delegations.set("10.0.1.11", true);
        afterTheWorker();
        driver.bindStore(store);
        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.10@192.0.2.3/IP_IN_IP]");
        assertThat(driver.facts()).last().isEqualTo("delegation: 3 home addresses handed to or taken back from other"
                + " nodes");
    }

    @Test
    void aBindingChangeQueuedJustBeforeItsHomeAddressWasDelegatedIsNotInstalledAfterTheHandOver()
            throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        start();
        Delegations delegations = new Delegations();
        // the registering thread reads "forwarded here"; before its change is queued, the PHA delegates
        // the home address and the driver's thread makes the host agree (the interleaving, made by hand)
        DelegatedForwarding racing = new DelegatedForwarding() {
            boolean armed = true;

            @Override
            public boolean delegated(java.net.Inet4Address homeAddress) {
                boolean before = delegations.delegated(homeAddress);
                if (armed && homeAddress.equals(ip("10.0.1.10"))) {
                    armed = false;
                    delegations.set("10.0.1.10", true);
                    worker.runAll();
                }
                return before;
            }

            @Override
            public void addWatcher(Consumer<java.net.Inet4Address> watcher) {
                delegations.addWatcher(watcher);
            }

            @Override
            public void removeWatcher(Consumer<java.net.Inet4Address> watcher) {
                delegations.removeWatcher(watcher);
            }
        };
        afterTheWorker();
        driver.bindDelegation(racing);
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);
        List<String> calls = afterTheWorker();
        assertThat(plane.tunnels()).as("another node forwards it now: nothing here (calls %s)", calls).isEmpty();
    }

    /** What the driver asked of the reverse-only bindings, one line a call. */
    private static final class ReverseOnlyRecorder implements ReverseOnlyTunnels {
        final List<String> calls = new ArrayList<>();

        private static String text(java.util.Collection<net.homeagent.mip.api.TunnelSpec> bindings) {
            return bindings.stream().map(t -> t.homeAddress().getHostAddress() + "@"
                    + t.careOfAddress().getHostAddress()).sorted().toList().toString();
        }

        @Override
        public void admitReverseOnly(java.net.Inet4Address home,
                java.util.Collection<net.homeagent.mip.api.TunnelSpec> bindings) {
            calls.add(home.getHostAddress() + " " + text(bindings));
        }

        @Override
        public void admitReverseOnly(java.util.Collection<net.homeagent.mip.api.TunnelSpec> bindings) {
            calls.add("all " + text(bindings));
        }

        List<String> take() {
            List<String> taken = new ArrayList<>(calls);
            calls.clear();
            return taken;
        }
    }

    @Test
    void aDelegatedHomeAddressKeepsItsReverseTunnelsAdmittedAndFollowsItsBindings() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        ReverseOnlyRecorder reverse = new ReverseOnlyRecorder();
        driver = new BindingTunnelDriver(plane, reverse, true, worker);
        store.listen(driver);
        driver.bindStore(store);
        Authority authority = new Authority(true);
        driver.bindAuthority(authority);
        Delegations delegations = new Delegations();
        driver.bindDelegation(delegations);
        afterTheWorker();
        assertThat(reverse.take()).as("nothing delegated at the start").containsExactly("all []");

        delegations.set("10.0.1.10", true);
        assertThat(reverse.calls).as("on the driver's thread only").isEmpty();
        assertThat(afterTheWorker()).containsExactly("remove 10.0.1.10@192.0.2.2");
        assertThat(reverse.take()).containsExactly("10.0.1.10 [10.0.1.10@192.0.2.2]");

        // a care-of change while delegated: the host still gets nothing, the reverse direction follows
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);
        assertThat(afterTheWorker()).isEmpty();
        assertThat(reverse.take()).containsExactly("10.0.1.10 [10.0.1.10@192.0.2.3]");

        // a reconcile hands every delegated binding over at once
        driver.bindStore(store);
        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.11@192.0.2.2/IP_IN_IP]");
        assertThat(reverse.take()).containsExactly("all [10.0.1.10@192.0.2.3]");

        // taken back: forwarded here again, nothing reverse-only left for it
        delegations.set("10.0.1.10", false);
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.10@192.0.2.3/IP_IN_IP");
        assertThat(reverse.take()).containsExactly("10.0.1.10 []");

        // delegated again, then deregistered: nothing left to admit
        delegations.set("10.0.1.10", true);
        afterTheWorker();
        reverse.take();
        store.remove(ip("10.0.1.10"), ip("192.0.2.3"), RemovalReason.DEREGISTERED);
        assertThat(afterTheWorker()).isEmpty();
        assertThat(reverse.take()).containsExactly("10.0.1.10 []");

        // standing by: this node answers for nothing, reverse tunnels included
        delegations.set("10.0.1.11", true);
        afterTheWorker();
        reverse.take();
        authority.set(false);
        assertThat(afterTheWorker()).containsExactly("standBy");
        assertThat(reverse.take()).containsExactly("all []");
    }

    /** A role's serving state, set by the test. */
    private static final class Authority implements ServingAuthority {
        private final ServingWatchers watchers = new ServingWatchers((line, e) -> {
            throw new AssertionError(line, e);
        });
        private volatile boolean serving;

        Authority(boolean serving) {
            this.serving = serving;
        }

        void set(boolean now) {
            serving = now;
            watchers.tell(now);
        }

        @Override
        public boolean serving() {
            return serving;
        }

        @Override
        public void addWatcher(Consumer<Boolean> watcher) {
            watchers.add(watcher);
        }

        @Override
        public void removeWatcher(Consumer<Boolean> watcher) {
            watchers.remove(watcher);
        }
    }

    @Test
    void standingByEmptiesTheHostAndIgnoresChangesAndServingAgainTakesTheWholeTableOver() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        start();
        Authority authority = new Authority(true);
        driver.bindAuthority(authority);
        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP]");

        authority.set(false);
        assertThat(afterTheWorker()).containsExactly("standBy");
        // a peer's replicated change reaches the table, not the host
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false, ChangeOrigin.REPLICATED);
        store.remove(ip("10.0.1.10"), ip("192.0.2.2"), RemovalReason.DEREGISTERED, ChangeOrigin.REPLICATED);
        assertThat(afterTheWorker()).isEmpty();

        authority.set(true);
        assertThat(afterTheWorker()).containsExactly("takeOver [10.0.1.11@192.0.2.2/GRE]");
        store.register(binding("10.0.1.12", "192.0.2.2", Encapsulation.GRE, 60), false);
        assertThat(afterTheWorker()).containsExactly("install 10.0.1.12@192.0.2.2/GRE");
        assertThat(counters()).isEqualTo("binding driver: serving, 2 data plane calls, 0 failed, 0 binding changes"
                + " coalesced, 0 home addresses waiting, 1 take-overs, 2 changes ignored standing by");
    }

    /** A secondary home agent's tunnels: what it holds, and the data plane calls made while it held still. */
    private final class Holder implements TunnelHolder {
        final List<TunnelSpec> held = new ArrayList<>();
        final List<String> callsWhileHeld = new ArrayList<>();

        @Override
        public void whileHeld(Consumer<Collection<TunnelSpec>> reconcile) {
            reconcile.accept(List.copyOf(held));
            try {
                for (String call = plane.nextCall(0); call != null; call = plane.nextCall(0)) {
                    callsWhileHeld.add(call);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aReconcileOrTakeOverKeepsTheHoldersTunnelsMadeWhileTheyHoldStill() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        driver = new BindingTunnelDriver(plane, true, worker);
        Holder sha = new Holder();
        sha.held.add(TunnelSpec.of(binding("10.0.1.99", "192.0.2.9", Encapsulation.GRE, 60)));
        driver.bindHolder(sha);
        store.listen(driver);
        driver.bindStore(store);
        assertThat(afterTheWorker()).as("every call made inside whileHeld").isEmpty();
        assertThat(sha.callsWhileHeld).containsExactly("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP, 10.0.1.99@192.0.2.9/GRE]");

        Authority authority = new Authority(true);
        driver.bindAuthority(authority);
        authority.set(false);
        assertThat(afterTheWorker()).containsExactly("standBy");
        authority.set(true);
        afterTheWorker();
        assertThat(sha.callsWhileHeld).last().isEqualTo("takeOver [10.0.1.10@192.0.2.2/IP_IN_IP, 10.0.1.99@192.0.2.9/GRE]");

        driver.unbindHolder(sha);
        driver.bindStore(store);
        assertThat(afterTheWorker()).containsExactly("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP]");
    }

    @Test
    void aChangeWaitingWhenTheNodeStandsByIsNotAppliedAfterIt() throws InterruptedException {
        start();
        Authority authority = new Authority(true);
        driver.bindAuthority(authority);
        afterTheWorker();

        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        authority.set(false);

        assertThat(afterTheWorker()).containsExactly("standBy");
        assertThat(plane.tunnels()).isEmpty();
    }

    @Test
    void aNodeStandingByWhenTheTableArrivesNeverProgramsTheHost() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        driver = new BindingTunnelDriver(plane, true, worker);
        driver.bindAuthority(new Authority(false));
        store.listen(driver);
        driver.bindStore(store);

        assertThat(afterTheWorker()).containsExactly("standBy");
    }

    @Test
    void aTakeOverAskedBeforeTheTableArrivesIsMadeWhenItDoes() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        driver = new BindingTunnelDriver(plane, true, worker);
        Authority authority = new Authority(false);
        driver.bindAuthority(authority);
        authority.set(true);
        // the later state is the one made: no stand-by first, and no take-over without a table
        assertThat(afterTheWorker()).isEmpty();

        store.listen(driver);
        driver.bindStore(store);

        assertThat(afterTheWorker()).containsExactly("takeOver [10.0.1.10@192.0.2.2/IP_IN_IP]");
    }

    @Test
    void theLastStateStaysWhenTheAuthorityGoes() throws InterruptedException {
        start();
        Authority authority = new Authority(false);
        driver.bindAuthority(authority);
        afterTheWorker();

        driver.unbindAuthority(authority);
        authority.set(true);
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);

        assertThat(afterTheWorker()).isEmpty();
        assertThat(counters()).startsWith("binding driver: standing by,");
    }

    @Test
    void aDriverConfiguredToStartStandingByNeverProgramsTheHostUntilTheAuthoritySaysServe()
            throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        driver = new BindingTunnelDriver(plane, false, worker);
        store.listen(driver);
        driver.bindStore(store);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        assertThat(afterTheWorker()).containsExactly("standBy");

        Authority authority = new Authority(false);
        driver.bindAuthority(authority);
        assertThat(afterTheWorker()).isEmpty();
        authority.set(true);

        assertThat(afterTheWorker()).containsExactly(
                "takeOver [10.0.1.10@192.0.2.2/IP_IN_IP, 10.0.1.11@192.0.2.2/IP_IN_IP]");
    }
}
