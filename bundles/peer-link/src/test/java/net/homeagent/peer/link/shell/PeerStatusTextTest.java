package net.homeagent.peer.link.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerNode;

class PeerStatusTextTest {

    @Test
    void aRunningLinkShowsCountersDropsAndPeers() {
        Map<String, Long> dropped = new LinkedHashMap<>();
        dropped.put("bad-hmac", 3L);
        dropped.put("replay", 1L);
        PeerLinkStatus status = new PeerLinkStatus(1, 7, new InetSocketAddress("0.0.0.0", 7434),
                Optional.of(new InetSocketAddress("239.255.74.34", 7434)), 1700000000000L, 10, 12, 8, 9, 2, 1, dropped);

        String text = PeerStatusText.render("running", Optional.of(status),
                Map.of(new PeerNode(2, new InetSocketAddress("192.0.2.2", 7434)), 4),
                Optional.of("etc/peer-keys.conf: 2 keys [1, 2], sending with key 2"));

        assertThat(text).contains("Peer link running: node 1, group 7")
                .contains("Multicast /239.255.74.34:7434")
                .contains("Epoch 1700000000000")
                .contains("Keys etc/peer-keys.conf: 2 keys [1, 2], sending with key 2")
                .contains("Messages sent 8, delivered 9, retransmissions 2, given up 1")
                .contains("Dropped bad-hmac 3 replay 1")
                .containsPattern("node 2 +192.0.2.2:7434 +unacknowledged 4");
    }

    @Test
    void aStoppedLinkSaysWhy() {
        String text = PeerStatusText.render("NOT started: no key in etc/peer-keys.conf", Optional.empty(), Map.of(),
                Optional.of("etc/peer-keys.conf: 0 keys [], sending with key -1"));

        assertThat(text).startsWith("Peer link NOT started: no key in etc/peer-keys.conf");
    }
}
