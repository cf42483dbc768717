package net.homeagent.mimmclient.manager;

import net.homeagent.mip.codec.mimm.HandoffAdvice;

/** What came of asking the advisor. */
public sealed interface AdvisorAnswer {

    /** The advisor answered (go, not now, no), authenticated. */
    record Advised(HandoffAdvice advice) implements AdvisorAnswer {
    }

    /**
     * Nobody advised: no advisor at the home agent (140), no authentic reply in time, or a reply
     * without a readable Handoff Advice. The manager then moves on its own only when it must.
     */
    record NoAdvice(String why) implements AdvisorAnswer {
    }
}
