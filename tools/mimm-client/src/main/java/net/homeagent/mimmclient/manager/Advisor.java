package net.homeagent.mimmclient.manager;

/**
 * The MIMM advisor, asked before every move. The real one ({@code homeagent.HomeAgentAdvisor}) sends
 * the Request Handoff in a Registration Request through the target link; in merged mode a go has then
 * registered the move already ({@code completed}).
 */
public interface Advisor {

    AdvisorAnswer ask(HandoffQuestion question);
}
