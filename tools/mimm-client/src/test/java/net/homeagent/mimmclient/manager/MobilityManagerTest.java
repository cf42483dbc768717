package net.homeagent.mimmclient.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.monitor.Observation;
import net.homeagent.mimmclient.signal.Averaging;
import net.homeagent.mimmclient.simulation.InMemoryRoutes;

class MobilityManagerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    /** WLAN preferred by the user; cellular. */
    private static final LinkProfile WLAN = Links.profile("wlan0", LinkType.WLAN, 1, 54_000, 500, 0, 2);
    private static final LinkProfile CELL = Links.profile("wwan0", LinkType.CELLULAR, 2, 10_000, 1000, 5, 1);
    private static final LinkProfile WLAN2 = Links.profile("wlan1", LinkType.WLAN, 3, 54_000, 500, 0, 2);

    /** Answers go (completed) unless told otherwise per network; records every question. */
    private static final class ScriptedAdvisor implements Advisor {
        final List<HandoffQuestion> questions = new ArrayList<>();
        final Map<Integer, Deque<AdvisorAnswer>> script = new HashMap<>();

        @Override
        public AdvisorAnswer ask(HandoffQuestion question) {
            questions.add(question);
            Deque<AdvisorAnswer> answers = script.get(question.target().networkId());
            if (answers != null && !answers.isEmpty()) {
                return answers.poll();
            }
            return new AdvisorAnswer.Advised(new HandoffAdvice(Verdict.GO, Reason.NONE, 300,
                    question.target().networkId(), List.of(), true));
        }

        void then(int network, AdvisorAnswer... answers) {
            script.computeIfAbsent(network, n -> new ArrayDeque<>()).addAll(List.of(answers));
        }

        List<String> asked() {
            return questions.stream().map(q -> q.target().iface()).toList();
        }
    }

    private static final class RecordingRegistrar implements MobileIpRegistrar {
        final List<String> registered = new ArrayList<>();
        boolean accept = true;
        Optional<Duration> grants = Optional.empty();

        @Override
        public RegistrationResult register(LinkProfile via) {
            registered.add(via.iface());
            return accept ? new RegistrationResult(true, "0", grants) : new RegistrationResult(false, "130");
        }
    }

    private final Counters counters = new Counters();
    private final ScriptedAdvisor advisor = new ScriptedAdvisor();
    private final RecordingRegistrar registrar = new RecordingRegistrar();
    private final InMemoryRoutes routes = new InMemoryRoutes();

    private MobilityManager manager(Averaging averaging, LinkProfile... links) {
        return manager(averaging, Duration.ZERO, links);
    }

    private MobilityManager manager(Averaging averaging, Duration failedLinkHold, LinkProfile... links) {
        return new MobilityManager(new ManagerConfig(LinkStateMachineTest.THRESHOLDS, averaging,
                CandidateWeights.DEFAULT, 0.05, failedLinkHold, Duration.ofSeconds(300), 2, 128), List.of(links), advisor, registrar, routes,
                counters);
    }

    /** Samples at second {@code second}: name, dBm pairs; a dBm below -120 is a link down. */
    private static Observation at(int second, Object... pairs) {
        List<LinkSample> samples = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            int dbm = (Integer) pairs[i + 1];
            samples.add(new LinkSample((String) pairs[i], dbm, dbm > -120));
        }
        return new Observation(T0.plusSeconds(second), samples);
    }

    private static AdvisorAnswer notNow(int target, int hold, Integer... alternatives) {
        return new AdvisorAnswer.Advised(new HandoffAdvice(Verdict.NOT_NOW, Reason.TARGET_FULL_MOBILES, hold, target,
                List.of(alternatives), false));
    }

    @Test
    void attachesToTheBestLinkAndTellsTheAdvisorWhatItCarries() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        Optional<Handoff> handoff = manager.tick(at(0, "wlan0", -60, "wwan0", -60));
        assertThat(handoff).contains(new Handoff(T0, Optional.empty(), "wlan0", HandoffReason.ATTACH, true));
        assertThat(advisor.questions).containsExactly(new HandoffQuestion(WLAN, 0, -60, 2, 128));
        assertThat(routes.calls()).containsExactly("up wlan0", "default wlan0");
        // merged mode: the go registered the move, no second registration
        assertThat(registrar.registered).isEmpty();
        assertThat(manager.tick(at(1, "wlan0", -61, "wwan0", -60))).isEmpty();
    }

    @Test
    void makeBeforeBreakBringsTheCandidateUpAndRegistersBeforeTheRouteMoves() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        advisor.then(2, new AdvisorAnswer.Advised(new HandoffAdvice(Verdict.GO, Reason.NONE, 300, 2, List.of(), false)));
        Optional<Handoff> handoff = manager.tick(at(1, "wlan0", -79, "wwan0", -70));
        assertThat(handoff.map(Handoff::reason)).contains(HandoffReason.DETERIORATING);
        // a go that did not complete the registration: the registrar registers, then the route moves
        assertThat(routes.calls()).containsExactly("up wlan0", "default wlan0", "up wwan0", "default wwan0");
        assertThat(registrar.registered).containsExactly("wwan0");
        assertThat(advisor.questions.get(1).currentNetwork()).isEqualTo(1);
    }

    @Test
    void aFailedStepLeavesTheOldLinkCarryingTraffic() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        registrar.accept = false;
        advisor.then(2, new AdvisorAnswer.Advised(new HandoffAdvice(Verdict.GO, Reason.NONE, 300, 2, List.of(), false)));
        assertThat(manager.tick(at(1, "wlan0", -79, "wwan0", -70))).isEmpty();
        assertThat(routes.defaultRoute()).contains("wlan0");
        assertThat(manager.current()).contains("wlan0");
        routes.failBringingUp("wwan0");
        assertThat(manager.tick(at(2, "wlan0", -79, "wwan0", -70))).isEmpty();
        assertThat(routes.defaultRoute()).contains("wlan0");
        assertThat(counters.get("attempt REGISTRATION_FAILED")).isEqualTo(1);
        assertThat(counters.get("attempt LINK_FAILED")).isEqualTo(1);
    }

    @Test
    void notNowKeepsTheMobileOffThatNetworkForTheHoldAndTheAlternativeGoesFirst() {
        LinkProfile cell3 = Links.profile("wwan1", LinkType.CELLULAR, 3, 10_000, 1000, 5, 1);
        LinkProfile cell4 = Links.profile("wwan2", LinkType.CELLULAR, 4, 10_000, 1000, 5, 1);
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL, cell3, cell4);
        manager.tick(at(0, "wlan0", -60, "wwan0", -121, "wwan1", -121, "wwan2", -121));
        // wlan0 deteriorates; by signal wwan0 ranks first, then wwan2, then wwan1, but wwan0 is full and names network 3
        advisor.then(2, notNow(2, 30, 3));
        Optional<Handoff> first = manager.tick(at(1, "wlan0", -79, "wwan0", -60, "wwan1", -74, "wwan2", -70));
        assertThat(advisor.asked()).containsExactly("wlan0", "wwan0", "wwan1");
        assertThat(first.map(Handoff::to)).contains("wwan1");

        // wwan1 deteriorates: wwan0 is on hold (30 s) and is not asked again
        assertThat(manager.tick(at(10, "wlan0", -121, "wwan0", -60, "wwan1", -79, "wwan2", -121))).isEmpty();
        assertThat(advisor.asked()).hasSize(3);
        // after the hold it is a candidate again
        assertThat(manager.tick(at(31, "wlan0", -121, "wwan0", -60, "wwan1", -79, "wwan2", -121)).map(Handoff::to))
                .contains("wwan0");
    }

    @Test
    void withoutAdviceTheMobileMovesOnlyWhenItMust() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        advisor.then(2, new AdvisorAnswer.NoAdvice("140: no advisor"), new AdvisorAnswer.NoAdvice("no reply"));
        assertThat(manager.tick(at(1, "wlan0", -79, "wwan0", -70))).isEmpty();
        assertThat(registrar.registered).isEmpty();
        Optional<Handoff> lost = manager.tick(at(2, "wlan0", -121, "wwan0", -70));
        assertThat(lost).contains(new Handoff(T0.plusSeconds(2), Optional.of("wlan0"), "wwan0",
                HandoffReason.LINK_LOST, false));
        assertThat(registrar.registered).containsExactly("wwan0");
    }

    @Test
    void aLinkThatIsLostIsLeftAtTheSampleThatShowsItEvenForALinkBelowActive() {
        MobilityManager manager = manager(Averaging.parse("moving:8"), WLAN, CELL);
        for (int s = 0; s < 8; s++) {
            manager.tick(at(s, "wlan0", -55, "wwan0", -80));
        }
        assertThat(manager.current()).contains("wlan0");
        assertThat(manager.state("wwan0")).isEqualTo(LinkState.AVAILABLE);
        Optional<Handoff> handoff = manager.tick(at(8, "wlan0", -90, "wwan0", -80));
        assertThat(handoff.map(Handoff::reason)).contains(HandoffReason.LINK_LOST);
        assertThat(manager.current()).contains("wwan0");
    }

    @Test
    void leavesAWorkingLinkOnlyForAStableOneThatRanksBetterByTheMargin() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -121, "wwan0", -60));
        assertThat(manager.current()).contains("wwan0");
        // wlan0 active, not stable: no move
        assertThat(manager.tick(at(1, "wlan0", -70, "wwan0", -60))).isEmpty();
        // stable and preferred: move
        assertThat(manager.tick(at(2, "wlan0", -64, "wwan0", -60)).map(Handoff::reason))
                .contains(HandoffReason.BETTER_LINK);
        // cellular stronger but ranked lower: stay
        assertThat(manager.tick(at(3, "wlan0", -64, "wwan0", -40))).isEmpty();
    }

    @Test
    void reactiveAdviceMovesTheMobileOutAndKeepsItAwayUntilTheExpiry() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL, WLAN2);
        manager.tick(at(0, "wlan0", -60, "wwan0", -60, "wlan1", -60));
        manager.onReactiveAdvice(new ReactiveAdvice(1, "overload alarm", 20, OptionalInt.of(2)), T0.plusSeconds(1));
        Optional<Handoff> out = manager.tick(at(1, "wlan0", -60, "wwan0", -60, "wlan1", -60));
        // the suggested alternative (network 2) first, although wlan1 ranks better
        assertThat(out.map(Handoff::reason)).contains(HandoffReason.REACTIVE_ADVICE);
        assertThat(out.map(Handoff::to)).contains("wwan0");
        // wwan0 lost: wlan1, never wlan0 while the advice holds
        assertThat(manager.tick(at(5, "wlan0", -50, "wwan0", -121, "wlan1", -70)).map(Handoff::to)).contains("wlan1");
        assertThat(manager.tick(at(20, "wlan0", -50, "wwan0", -121, "wlan1", -70))).isEmpty();
        // expired at 21 s: wlan0 is a better link again
        assertThat(manager.tick(at(21, "wlan0", -50, "wwan0", -121, "wlan1", -70)).map(Handoff::to)).contains("wlan0");
    }

    @Test
    void reactiveAdviceForTheRestOfTheSessionNeverExpires() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -60));
        manager.onReactiveAdvice(new ReactiveAdvice(1, "maintenance", ReactiveAdvice.REST_OF_SESSION,
                OptionalInt.empty()), T0);
        assertThat(manager.tick(at(1, "wlan0", -60, "wwan0", -60)).map(Handoff::to)).contains("wwan0");
        // cellular lost, wlan0 perfect a day later: still avoided, nowhere to go
        assertThat(manager.tick(at(86_400, "wlan0", -40, "wwan0", -121))).isEmpty();
        assertThat(manager.current()).contains("wwan0");
        assertThat(counters.get("no-candidate LINK_LOST")).isEqualTo(1);
    }

    @Test
    void samplesOfUnknownInterfacesAreCountedAndIgnored() {
        MobilityManager manager = manager(Averaging.RAW, WLAN);
        manager.tick(at(0, "wlan0", -60, "eth9", -10));
        assertThat(counters.get("sample-unknown-interface")).isEqualTo(1);
        assertThat(manager.current()).contains("wlan0");
    }

    @Test
    void aLinkThatFailedIsNoBetterLinkUntilTheHoldHasPassed() {
        MobilityManager manager = manager(Averaging.RAW, Duration.ofSeconds(10), WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        assertThat(manager.tick(at(1, "wlan0", -90, "wwan0", -70)).map(Handoff::to)).contains("wwan0");
        // wlan0 is stable and preferred again at once, but failed a second ago
        assertThat(manager.tick(at(2, "wlan0", -60, "wwan0", -70))).isEmpty();
        assertThat(manager.tick(at(10, "wlan0", -60, "wwan0", -70))).isEmpty();
        assertThat(manager.tick(at(11, "wlan0", -60, "wwan0", -70)).map(Handoff::reason))
                .contains(HandoffReason.BETTER_LINK);
    }

    @Test
    void whenNoLinkIsUsableALostLinkIsLeftForOneWhoseRawSignalIsAboveInactive() {
        MobilityManager manager = manager(Averaging.parse("moving:4"), WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -121));
        // wwan0 comes up weak: inactive until its average reaches available (-80)
        manager.tick(at(1, "wlan0", -60, "wwan0", -84));
        assertThat(manager.state("wwan0")).isEqualTo(LinkState.INACTIVE);
        Optional<Handoff> handoff = manager.tick(at(2, "wlan0", -95, "wwan0", -84));
        assertThat(manager.state("wwan0")).isEqualTo(LinkState.INACTIVE);
        assertThat(handoff.map(Handoff::to)).contains("wwan0");
    }

    @Test
    void theLinkInUseIsRegisteredAgainBeforeItsLifetimeRunsOut() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        manager.tick(at(299, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).isEmpty();
        registrar.accept = false;
        manager.tick(at(300, "wlan0", -60, "wwan0", -70));
        registrar.accept = true;
        manager.tick(at(301, "wlan0", -60, "wwan0", -70));
        manager.tick(at(302, "wlan0", -60, "wwan0", -70));
        // the failed renewal is tried again at the next tick, and then not before another 300 s
        assertThat(registrar.registered).containsExactly("wlan0", "wlan0");
        assertThat(counters.get("renewal failed")).isEqualTo(1);
        assertThat(counters.get("renewal accepted")).isEqualTo(1);
        manager.tick(at(601, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).hasSize(3);
        // the advisor is not asked for a renewal
        assertThat(advisor.questions).hasSize(1);
    }

    @Test
    void renewalsFollowTheLifetimeTheHomeAgentGranted() {
        MobilityManager manager = manager(Averaging.RAW, WLAN, CELL);
        // the merged-mode go granted 120 s of the 600 asked: renew at 60 s, not at the configured 300 s
        advisor.then(1, new AdvisorAnswer.Advised(new HandoffAdvice(Verdict.GO, Reason.NONE, 300, 1, List.of(), true),
                Optional.of(Duration.ofSeconds(120))));
        manager.tick(at(0, "wlan0", -60, "wwan0", -70));
        manager.tick(at(59, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).isEmpty();
        registrar.grants = Optional.of(Duration.ofSeconds(40));
        manager.tick(at(60, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).containsExactly("wlan0");
        // that renewal was granted 40 s: the next one 20 s later
        manager.tick(at(79, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).hasSize(1);
        registrar.grants = Optional.of(Duration.ofSeconds(3600));
        manager.tick(at(80, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).hasSize(2);
        // more than the configured renewal time granted: the configured 300 s hold
        manager.tick(at(379, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).hasSize(2);
        manager.tick(at(380, "wlan0", -60, "wwan0", -70));
        assertThat(registrar.registered).hasSize(3);
    }

    @Test
    void withinASubnetGroupTheMoveIsMadeBeforeBreakWithoutAdvisorOrRegistration() {
        // wlan2 shares wlan0's care-of address (Links: 192.0.2.<network>): one subnet group
        LinkProfile member = Links.profile("wlan2", LinkType.WLAN, 1, 54_000, 500, 0, 2);
        MobilityManager manager = manager(Averaging.RAW, WLAN, member, CELL);
        manager.tick(at(0, "wlan0", -60, "wlan2", -95, "wwan0", -60));
        // an ordinary move (asked, registered by the go) onto a group's link sets the group's route
        assertThat(routes.calls()).containsExactly("up wlan0", "member wlan0");
        int attach = routes.calls().size();

        Optional<Handoff> handoff = manager.tick(at(1, "wlan0", -82, "wlan2", -60, "wwan0", -60));

        // wlan2 ranks above wwan0 (the user's preference): the layer-2 move, nothing asked, nothing registered
        assertThat(handoff).contains(new Handoff(T0.plusSeconds(1), Optional.of("wlan0"), "wlan2",
                HandoffReason.DETERIORATING, false, true));
        assertThat(routes.calls().subList(attach, routes.calls().size())).containsExactly("up wlan2", "member wlan2");
        assertThat(advisor.questions).hasSize(1);
        assertThat(registrar.registered).isEmpty();
        assertThat(counters.get("handoff DETERIORATING same address")).isEqualTo(1);
        // the binding is the attach's: its renewal stays due 300 s after it, through the member in use
        manager.tick(at(299, "wlan0", -60, "wlan2", -60, "wwan0", -60));
        assertThat(registrar.registered).isEmpty();
        manager.tick(at(300, "wlan0", -60, "wlan2", -60, "wwan0", -60));
        assertThat(registrar.registered).containsExactly("wlan2");
        // a move out of the group is an ordinary one: asked, make-before-break
        int inGroup = routes.calls().size();
        Optional<Handoff> out = manager.tick(at(301, "wlan0", -95, "wlan2", -95, "wwan0", -60));
        assertThat(out.map(Handoff::sameAddress)).contains(false);
        assertThat(routes.calls().subList(inGroup, routes.calls().size())).containsExactly("up wwan0", "default wwan0");
        assertThat(advisor.asked()).containsExactly("wlan0", "wwan0");
    }
}
