package net.homeagent.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.peer.vrrp.KeepalivedNotice;

/** keepalived's word as the member's input (the notice itself is peer-link's, tested there). */
class KeepalivedTest {

    @Test
    void everyStateButMasterMeansNotMaster() {
        assertThat(MemberInput.of(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER")))
                .isEqualTo(MemberInput.KEEPALIVED_MASTER);
        for (String state : List.of("BACKUP", "FAULT", "STOP", "DELETED")) {
            assertThat(MemberInput.of(new KeepalivedNotice("INSTANCE", "VI_1", state)))
                    .isEqualTo(MemberInput.KEEPALIVED_BACKUP);
        }
    }

    @Test
    void theMembersStatesSayWhenTheTrackFileLetsKeepalivedTakeTheAddress() {
        assertThat(MemberState.LEARN.mayTakeAddress()).isFalse();
        assertThat(MemberState.STANDBY.mayTakeAddress()).isTrue();
        assertThat(MemberState.PASSIVE.mayTakeAddress()).isFalse();
        assertThat(MemberState.ACTIVE.mayTakeAddress()).isTrue();
    }
}
