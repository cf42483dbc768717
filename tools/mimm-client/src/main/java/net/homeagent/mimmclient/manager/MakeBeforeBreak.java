package net.homeagent.mimmclient.manager;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mimmclient.Counters;

/**
 * One handoff attempt, make-before-break (docs/mimm.md "Client: make-before-break"): the candidate
 * is brought up, the advisor is asked through it (in merged mode a go registers the new care-of
 * address in the same exchange), the registration is made if the advice did not complete it, and
 * only then does the default route move. Until that last step the old link carries everything, so
 * a refusal or a failure at any step leaves the mobile where it was.
 */
final class MakeBeforeBreak {

    private static final System.Logger LOG = System.getLogger(MakeBeforeBreak.class.getName());

    enum Outcome {
        /** The route now goes through the candidate. */
        MOVED,
        /** The candidate could not be brought up. */
        LINK_FAILED,
        /** The advisor said not now or no. */
        REFUSED,
        /** Nobody advised and the move was not forced: the mobile stays. */
        NO_ADVICE,
        /** The home agent did not accept the new care-of address. */
        REGISTRATION_FAILED,
        /** Registered, but the default route could not be moved. */
        ROUTE_FAILED
    }

    /** @param granted the lifetime the registration of a move was granted, when the reply said it */
    record Attempt(Outcome outcome, Optional<HandoffAdvice> advice, Optional<Duration> granted) {
    }

    private final Advisor advisor;
    private final MobileIpRegistrar registrar;
    private final Routes routes;
    private final Counters counters;

    MakeBeforeBreak(Advisor advisor, MobileIpRegistrar registrar, Routes routes, Counters counters) {
        this.advisor = advisor;
        this.registrar = registrar;
        this.routes = routes;
        this.counters = counters;
    }

    /**
     * @param groupMember the target belongs to a subnet group: its route is set with
     *                    {@link Routes#useMember}, so that the group's address follows it
     */
    Attempt execute(HandoffQuestion question, boolean forced, boolean groupMember) {
        LinkProfile target = question.target();
        if (!routes.bringUp(target)) {
            return failed(Outcome.LINK_FAILED, target, "could not be brought up", Optional.empty());
        }
        AdvisorAnswer answer = advisor.ask(question);
        Optional<HandoffAdvice> advice = Optional.empty();
        Optional<Duration> granted = Optional.empty();
        boolean registered = false;
        if (answer instanceof AdvisorAnswer.Advised advised) {
            advice = Optional.of(advised.advice());
            if (advised.advice().verdict() != HandoffAdvice.Verdict.GO) {
                counters.increment("advice " + advised.advice().verdict());
                LOG.log(Level.INFO, "{0}: advisor says {1} ({2}, hold {3} s, alternatives {4})", target.iface(),
                        advised.advice().verdict(), advised.advice().reason(), advised.advice().holdSeconds(),
                        advised.advice().alternatives());
                return new Attempt(Outcome.REFUSED, advice, granted);
            }
            counters.increment("advice GO");
            registered = advised.advice().completed();
            granted = advised.granted();
        } else if (answer instanceof AdvisorAnswer.NoAdvice none) {
            counters.increment("advice none");
            if (!forced) {
                return failed(Outcome.NO_ADVICE, target, "no advice (" + none.why() + "), not forced to move", advice);
            }
            LOG.log(Level.INFO, "{0}: no advice ({1}); the move is forced, registering unadvised", target.iface(),
                    none.why());
        }
        if (!registered) {
            MobileIpRegistrar.RegistrationResult result = registrar.register(target);
            if (!result.accepted()) {
                return failed(Outcome.REGISTRATION_FAILED, target, "registration not accepted: " + result.detail(),
                        advice);
            }
            granted = result.granted();
        }
        if (!(groupMember ? routes.useMember(target) : routes.useDefault(target))) {
            return failed(Outcome.ROUTE_FAILED, target, "registered, but the default route could not move", advice);
        }
        return new Attempt(Outcome.MOVED, advice, granted);
    }

    /**
     * A move inside a subnet group (the candidate shares the care-of address of the link in use): the
     * binding names that address and stays as it is, so there is nobody to ask and nothing to
     * register; the candidate is brought up, then the route and the access network's delivery move.
     */
    Attempt executeWithinGroup(LinkProfile target) {
        if (!routes.bringUp(target)) {
            return failed(Outcome.LINK_FAILED, target, "could not be brought up", Optional.empty());
        }
        if (!routes.useMember(target)) {
            return failed(Outcome.ROUTE_FAILED, target, "the default route could not move to it", Optional.empty());
        }
        return new Attempt(Outcome.MOVED, Optional.empty(), Optional.empty());
    }

    private Attempt failed(Outcome outcome, LinkProfile target, String why, Optional<HandoffAdvice> advice) {
        counters.increment("attempt " + outcome);
        LOG.log(Level.INFO, "{0}: handoff not made: {1}", target.iface(), why);
        return new Attempt(outcome, advice, Optional.empty());
    }
}
