package net.homeagent.peer.link;

/**
 * What this node remembers of one sender in one of its lives (epoch): the replay window over its
 * datagram sequence numbers and the duplicate window over its message sequence numbers.
 */
final class SenderState {

    final long epoch;
    final ReplayWindow datagrams;
    final ReplayWindow messages;

    SenderState(long epoch, int width) {
        this.epoch = epoch;
        this.datagrams = new ReplayWindow(width);
        this.messages = new ReplayWindow(width);
    }
}
