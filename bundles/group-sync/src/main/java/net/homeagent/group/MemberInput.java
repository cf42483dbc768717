package net.homeagent.group;

/** What moves a member between its {@link MemberState}s (docs/redundancy.md, "Member states"). */
public enum MemberInput {
    /** The component started with a configuration. */
    START,
    /** A designated responder's whole table arrived and was imported. */
    LEARNED,
    /** Nobody answered the learn request in time: the member is alone and serves from its own backup. */
    ALONE,
    /** keepalived wrote MASTER for our instance to its notify FIFO. */
    KEEPALIVED_MASTER,
    /** keepalived wrote BACKUP, FAULT, STOP or DELETED for our instance. */
    KEEPALIVED_BACKUP,
    /** The member missed changes that cannot be resent (a gap the sender's ring no longer holds). */
    RELEARN;

    /** keepalived's word for our instance: MASTER, or everything that means "not master" (BACKUP, FAULT, STOP, DELETED). */
    static MemberInput of(net.homeagent.peer.vrrp.KeepalivedNotice notice) {
        return notice.master() ? KEEPALIVED_MASTER : KEEPALIVED_BACKUP;
    }
}
