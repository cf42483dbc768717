package net.homeagent.mip6;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

/**
 * The node as mip-api's {@link Mip6NodeView} (the SNMP agent's HOMEAGENT-MIP6-MIB), read from the same
 * {@link Mip6View} as the mip6:* commands at each call, so a manager and the shell never disagree:
 * the node's own counters are those {@code mip6:stats} shows under "signalling", a role's those under
 * its name (its own scope's too: a correspondent's return routability), and its recovery is
 * {@code mip6:recovery}'s.
 */
@Component(service = Mip6NodeView.class)
public final class Mip6ManagementView implements Mip6NodeView {

    private final Mip6View node;

    @Activate
    public Mip6ManagementView(@Reference Mip6View node) {
        this.node = node;
    }

    @Override
    public String status() {
        return node.status();
    }

    @Override
    public List<Counter> counters() {
        return counters(node.signallingCounters(), List.of(Scope.SIGNALLING));
    }

    @Override
    public OptionalInt homeLinkProxied() {
        return node.homeLinkProxied();
    }

    @Override
    public List<Role> roles() {
        List<Role> roles = new ArrayList<>();
        for (Mip6RoleView role : node.roles()) {
            List<Scope> scopes = new ArrayList<>(List.of(Scope.EVERY_ROLE));
            role.ownCounters().ifPresent(scopes::add);
            roles.add(new Role(role.owner(), role.name(), role.bindings().size(), counters(role.counters(), scopes),
                    role.counters().acknowledgements(), recovery(role.recovery())));
        }
        roles.sort(Comparator.comparing(Role::owner));
        return roles;
    }

    @Override
    public List<Binding> bindings() {
        long now = node.nowMillis();
        List<Binding> rows = new ArrayList<>();
        for (Mip6RoleView role : node.roles()) {
            for (Mip6Binding entry : role.bindings()) {
                rows.add(new Binding(role.owner(), entry.homeAddress(), entry.careOfAddress(), entry.sequence(),
                        entry.lifetimeSeconds(), entry.remainingSeconds(now), entry.origin() == Mip6Binding.Origin.RESTORED,
                        role.recoveryState(entry.homeAddress()).orElse("")));
            }
        }
        return rows;
    }

    private static List<Counter> counters(Mip6Counters counters, List<Scope> scopes) {
        List<Counter> list = new ArrayList<>();
        for (Mip6Counters.Counter counter : Mip6Counters.Counter.values()) {
            if (scopes.contains(counter.scope())) {
                list.add(new Counter(counter.number(), counter.name(), counter.text(), counters.get(counter)));
            }
        }
        list.sort(Comparator.comparingInt(Counter::number));
        return list;
    }

    /** mip6:recovery's figures; a role that restored nothing (or runs no recovery) has none. */
    static Recovery recovery(RecoveryProgress progress) {
        RecoveryState state = progress.total() == 0 ? RecoveryState.NONE
                : progress.finished() ? RecoveryState.FINISHED : RecoveryState.RUNNING;
        return new Recovery(state, progress.total(), progress.validated(), progress.deleted(), progress.pending(),
                progress.awaitingAnswer(), progress.requestsSent(), progress.retries(), progress.configuredRate(),
                progress.measuredRate());
    }
}
