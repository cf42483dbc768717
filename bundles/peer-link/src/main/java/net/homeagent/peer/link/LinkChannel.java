package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerReceiver;

/** One role's channel: its service number and receiver on the engine that does the work. */
final class LinkChannel implements PeerChannel {

    final int service;
    final PeerReceiver receiver;
    private final PeerLinkEngine engine;

    LinkChannel(int service, PeerReceiver receiver, PeerLinkEngine engine) {
        this.service = service;
        this.receiver = receiver;
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> send(InetSocketAddress peer, byte[] payload) {
        return engine.send(this, peer, payload);
    }

    @Override
    public GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload) {
        return engine.sendToGroup(this, members, payload);
    }

    @Override
    public void announce(byte[] payload) {
        engine.announce(this, payload);
    }

    @Override
    public void close() {
        engine.close(this);
    }
}
