package net.homeagent.peer.link.shell;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.peer.PeerNode;
import net.homeagent.peer.link.PeerLinkComponent;

/** The peer link: whether it runs (and why not), where it listens, its counters and peers; never a key. */
@Command(scope = "peer", name = "status", description = "Shows the peer link: node, group, listening address,"
        + " multicast group, epoch, key ids, counters, drops by reason, peers with unacknowledged messages")
@Service
public class PeerStatusCommand implements Action {

    /** How long the command waits for the link's event loop to list the peers. */
    private static final long PEERS_TIMEOUT_SECONDS = 5;

    @Reference
    PeerLinkComponent link;

    @Override
    public Object execute() throws Exception {
        Map<PeerNode, Integer> peers = link.peers().isPresent()
                ? link.peers().get().toCompletableFuture().get(PEERS_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                : Map.of();
        System.out.print(PeerStatusText.render(link.state(), link.status(), peers, link.keysSummary()));
        return null;
    }
}
