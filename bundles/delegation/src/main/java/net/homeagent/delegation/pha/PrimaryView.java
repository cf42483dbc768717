package net.homeagent.delegation.pha;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

import net.homeagent.mip.api.management.DelegationView;

/**
 * The PHA as mip-api's {@link DelegationView} (the SNMP agent's hamDelegation): the agent's counters
 * and SHAs at the moment of the call, packets per load interval turned into packets per second.
 */
public final class PrimaryView implements DelegationView {

    private final PrimaryAgent agent;

    public PrimaryView(PrimaryAgent agent) {
        this.agent = agent;
    }

    @Override
    public Primary primary() {
        long intervalMillis = agent.settings().load().interval().toMillis();
        var c = agent.counts();
        long refused = c.get(PhaCount.REFUSED_CAPACITY) + c.get(PhaCount.REFUSED_NO_ROUTE)
                + c.get(PhaCount.REFUSED_BAD_REQUEST) + c.get(PhaCount.REFUSED_NOT_A_PHA)
                + c.get(PhaCount.START_TIMEOUTS);
        return new Primary(agent.policies().active().name(), c.get(PhaCount.STARTS_SENT),
                c.get(PhaCount.STARTS_ACCEPTED), refused, c.get(PhaCount.STOPS_SENT), c.get(PhaCount.TAKEN_BACK),
                c.get(PhaCount.MOVED), c.get(PhaCount.POLICY_MOVES), c.get(PhaCount.SHA_FAILURES),
                agent.shas().stream().map(s -> new Sha(s.node().nodeId(), text(s.node().address()), state(s.state()),
                        s.mobiles(), s.starting(), perSecond(s.packets(), intervalMillis))).toList());
    }

    static OptionalLong perSecond(OptionalLong perInterval, long intervalMillis) {
        return perInterval.isPresent() ? OptionalLong.of(perInterval.getAsLong() * 1000 / intervalMillis)
                : OptionalLong.empty();
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static DelegationView.ShaState state(net.homeagent.delegation.pha.ShaState state) {
        return switch (state) {
            case UNKNOWN -> DelegationView.ShaState.UNKNOWN;
            case UP -> DelegationView.ShaState.UP;
            case FAILED -> DelegationView.ShaState.FAILED;
        };
    }
}
