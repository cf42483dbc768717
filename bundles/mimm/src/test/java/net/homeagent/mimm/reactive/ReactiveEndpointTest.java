package net.homeagent.mimm.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ReactiveEndpointTest {

    @Test
    void itListensWithTheReceiveBufferAskedForAndHandsOverWhatArrives() throws Exception {
        ReactiveEndpoint endpoint = new ReactiveEndpoint(10434, () -> { });
        BlockingQueue<byte[]> arrived = new ArrayBlockingQueue<>(1);
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int granted = endpoint.bind(loopback, 0, 64 * 1024, (bytes, sender) -> arrived.add(bytes));
            // below net.core.rmem_max the kernel grants it (Linux reports twice what it reserves)
            assertThat(granted).isGreaterThanOrEqualTo(64 * 1024);
            int port = Integer.parseInt(endpoint.listening().substring(endpoint.listening().lastIndexOf(':') + 1));
            try (DatagramSocket mobile = new DatagramSocket()) {
                mobile.send(new DatagramPacket(new byte[] {2, 7}, 2, new InetSocketAddress(loopback, port)));
            }
            assertThat(arrived.poll(10, TimeUnit.SECONDS)).containsExactly(2, 7);
        } finally {
            endpoint.close();
        }
    }
}
