package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.loadgen.PendingRequests.Match;
import net.homeagent.mip.codec.ReplyCode;

class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests(4);

    @Test
    void aReplyWithTheNodesIdentificationMatchesOnce() {
        pending.sent(1, 100, 5_000, RequestKind.RENEW, 600);
        assertThat(pending.inFlightCount()).isEqualTo(1);
        assertThat(pending.reply(1, 100)).isEqualTo(Match.MATCHED);
        assertThat(pending.intendedNanos(1)).isEqualTo(5_000);
        assertThat(pending.inFlightCount()).isZero();
        assertThat(pending.reply(1, 100)).as("a duplicate").isEqualTo(Match.MISMATCHED);
    }

    @Test
    void anotherIdentificationOrNodeIsMismatched() {
        pending.sent(1, 100, 0, RequestKind.RENEW, 600);
        assertThat(pending.reply(1, 99)).isEqualTo(Match.MISMATCHED);
        assertThat(pending.reply(2, 100)).isEqualTo(Match.MISMATCHED);
        assertThat(pending.reply(-1, 100)).isEqualTo(Match.MISMATCHED);
        assertThat(pending.reply(7, 100)).isEqualTo(Match.MISMATCHED);
        assertThat(pending.isInFlight(1)).isTrue();
    }

    @Test
    void expiresInSendOrderUpToTheDeadlineAndRecognisesLateReplies() {
        pending.sent(0, 10, 1_000, RequestKind.RENEW, 600);
        pending.sent(1, 11, 2_000, RequestKind.RENEW, 600);
        pending.sent(2, 12, 3_000, RequestKind.RENEW, 600);
        assertThat(pending.reply(1, 11)).isEqualTo(Match.MATCHED);
        List<Integer> timedOut = new ArrayList<>();
        pending.expire(2_500, (node, intended, kind) -> timedOut.add(node));
        assertThat(timedOut).containsExactly(0);
        assertThat(pending.isInFlight(2)).isTrue();
        assertThat(pending.reply(0, 10)).isEqualTo(Match.LATE);
        assertThat(pending.reply(0, 10)).as("late only once").isEqualTo(Match.MISMATCHED);
    }

    @Test
    void aNodeAnsweredBeforeItsTimeoutIsNotExpiredByItsOldEntry() {
        pending.sent(0, 10, 1_000, RequestKind.RENEW, 600);
        pending.reply(0, 10);
        pending.sent(0, 11, 5_000, RequestKind.RENEW, 600);
        List<Integer> timedOut = new ArrayList<>();
        pending.expire(2_000, (node, intended, kind) -> timedOut.add(node));
        assertThat(timedOut).isEmpty();
        assertThat(pending.isInFlight(0)).isTrue();
    }

    @Test
    void aLateReplyIsRecognisedAfterSeveralTimeoutsOfTheSameNode() {
        pending.sent(0, 10, 1_000, RequestKind.RENEW, 600);
        pending.expire(1_000, (node, intended, kind) -> { });
        pending.sent(0, 11, 2_000, RequestKind.RENEW, 600);
        pending.expire(2_000, (node, intended, kind) -> { });
        pending.sent(0, 12, 3_000, RequestKind.RENEW, 600);
        assertThat(pending.reply(0, 10)).isEqualTo(Match.LATE);
        assertThat(pending.reply(0, 11)).isEqualTo(Match.LATE);
        assertThat(pending.reply(0, 12)).isEqualTo(Match.MATCHED);
        assertThat(pending.reply(0, 13)).as("never sent").isEqualTo(Match.MISMATCHED);
    }

    @Test
    void a133MatchesByTheLow32BitsOnlyAndAReplyIsClassifiedWithoutTakingItsRequest() {
        long sent = 0x1234_5678_9abc_def0L;
        pending.sent(2, sent, 0, RequestKind.CARE_OF_CHANGE, 300);
        long homeAgentTime = 0x7777_7777_0000_0000L | (sent & 0xffff_ffffL);
        assertThat(pending.answeredIdentification(2, homeAgentTime, ReplyCode.IDENTIFICATION_MISMATCH))
                .as("RFC 5944 §5.7.1").isEqualTo(sent);
        assertThat(pending.answeredIdentification(2, homeAgentTime, ReplyCode.ACCEPTED))
                .as("only a 133 may change the high bits").isEqualTo(homeAgentTime);
        assertThat(pending.classify(2, sent)).isEqualTo(Match.MATCHED);
        assertThat(pending.isInFlight(2)).as("classify leaves it in flight").isTrue();
        assertThat(pending.askedLifetime(2, sent)).isEqualTo(300);
        assertThat(pending.kind(2)).isEqualTo(RequestKind.CARE_OF_CHANGE);
        List<RequestKind> kinds = new ArrayList<>();
        pending.expire(0, (node, intended, kind) -> kinds.add(kind));
        assertThat(kinds).containsExactly(RequestKind.CARE_OF_CHANGE);
        assertThat(pending.askedLifetime(2, sent)).as("remembered for a late reply").isEqualTo(300);
    }

    @Test
    void oneRequestInFlightPerNode() {
        pending.sent(3, 1, 0, RequestKind.RENEW, 600);
        assertThatThrownBy(() -> pending.sent(3, 2, 0, RequestKind.RENEW, 600)).isInstanceOf(IllegalStateException.class);
    }
}
