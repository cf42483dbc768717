package net.homeagent.ha.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.codec.TunnelData;
import net.homeagent.mip.codec.netty.InboundDatagram;

class TunnelDataHandlerTest {

    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 40001);
    private static final InetSocketAddress HA = new InetSocketAddress("10.0.1.1", 434);
    private static final TunnelData DATA = new TunnelData(4, new byte[] {4, 4, 0, 0, 0x45});

    @Test
    void tunnelDataGoesToTheDataPlane() {
        List<InetSocketAddress> senders = new ArrayList<>();
        UdpTunnelReceiver receiver = (message, sender, recipient) -> senders.add(sender);
        EmbeddedChannel channel = new EmbeddedChannel(new TunnelDataHandler(() -> receiver));

        channel.writeInbound(new InboundDatagram(DATA, NAT, HA));

        assertThat(senders).containsExactly(NAT);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void withoutDataPlaneTheRegistrationHandlerCountsIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new TunnelDataHandler(() -> null));
        InboundDatagram datagram = new InboundDatagram(DATA, NAT, HA);

        channel.writeInbound(datagram);

        assertThat((Object) channel.readInbound()).isSameAs(datagram);
    }
}
