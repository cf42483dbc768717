package net.homeagent.mimm;

import java.time.Instant;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.RequestHandoff;

/**
 * One advice as the advisor gave it, for {@code mimm:advice}.
 *
 * @param at        when
 * @param request   what the mobile asked
 * @param advice    the answer
 * @param rule      the decision rule that gave it
 * @param replyCode the Registration Reply code the verdict asked for (0 for a go: the home agent may
 *                  still refuse for another reason)
 */
public record GivenAdvice(Instant at, RequestHandoff request, HandoffAdvice advice, String rule, int replyCode) {
}
