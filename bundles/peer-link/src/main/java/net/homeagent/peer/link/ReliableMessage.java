package net.homeagent.peer.link;

import java.util.ArrayList;
import java.util.List;

/** A reliable message waiting for acknowledgements: its encoded data record and its members still unacknowledged. */
final class ReliableMessage {

    final int service;
    final long sequence;
    final byte[] record;
    final List<MemberDelivery> waiting = new ArrayList<>();

    ReliableMessage(int service, long sequence, byte[] record) {
        this.service = service;
        this.sequence = sequence;
        this.record = record;
    }
}
