package net.homeagent.mimmclient.simulation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mimmclient.manager.Advisor;
import net.homeagent.mimmclient.manager.AdvisorAnswer;
import net.homeagent.mimmclient.manager.HandoffQuestion;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.MobileIpRegistrar;

/**
 * The home agent and advisor of the simulation, in merged mode as the real one: a Request Handoff
 * to a network with room is a go that registers the move; one to a network configured as full is a
 * not-now (reason: full of mobiles) with the hold time and every other network as alternatives.
 * Plain registrations are accepted. It remembers the care-of address registered last.
 */
public final class SimulatedHomeAgent implements Advisor, MobileIpRegistrar {

    private final Set<Integer> fullNetworks;
    private final int holdSeconds;
    private final List<Integer> networks;
    private Optional<LinkProfile> registered = Optional.empty();
    private int requests;

    /**
     * @param networks     every network the advisor knows (the alternatives it may name)
     * @param fullNetworks the networks without room
     * @param holdSeconds  how long a not-now holds
     */
    public SimulatedHomeAgent(List<Integer> networks, Set<Integer> fullNetworks, int holdSeconds) {
        this.networks = List.copyOf(networks);
        this.fullNetworks = Set.copyOf(fullNetworks);
        this.holdSeconds = holdSeconds;
    }

    @Override
    public AdvisorAnswer ask(HandoffQuestion question) {
        requests++;
        int target = question.target().networkId();
        if (fullNetworks.contains(target)) {
            List<Integer> alternatives = networks.stream()
                    .filter(id -> id != target && id != question.currentNetwork() && !fullNetworks.contains(id))
                    .limit(HandoffAdvice.MAX_ALTERNATIVES)
                    .toList();
            return new AdvisorAnswer.Advised(new HandoffAdvice(HandoffAdvice.Verdict.NOT_NOW,
                    HandoffAdvice.Reason.TARGET_FULL_MOBILES, holdSeconds, target, alternatives, false));
        }
        registered = Optional.of(question.target());
        return new AdvisorAnswer.Advised(new HandoffAdvice(HandoffAdvice.Verdict.GO, HandoffAdvice.Reason.NONE,
                holdSeconds, target, List.of(), true));
    }

    @Override
    public RegistrationResult register(LinkProfile via) {
        requests++;
        registered = Optional.of(via);
        return new RegistrationResult(true, "0 accepted");
    }

    /** The link whose care-of address the binding names now. */
    public Optional<LinkProfile> registered() {
        return registered;
    }

    /** Request Handoffs and registrations received. */
    public int requests() {
        return requests;
    }
}
