package net.homeagent.mimmclient.homeagent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Optional;

/**
 * The UDP socket a mobile receives reactive advice on (its home address, or every address of the
 * host, and the advisor's {@code mobilePort}), and a thread that hands each datagram to the
 * {@link ReactiveInbox} and sends back the ack it gives. Pulls leave from the same socket, so the
 * answer comes back to it.
 */
public final class ReactiveAdviceListener implements AutoCloseable {

    private static final int MAX_DATAGRAM = 1500;

    private final DatagramSocket socket;
    private final ReactiveInbox inbox;
    private final InetSocketAddress advisor;
    private final Thread thread;

    public ReactiveAdviceListener(InetSocketAddress bind, InetSocketAddress advisor, ReactiveInbox inbox)
            throws SocketException {
        this.socket = new DatagramSocket(bind);
        this.inbox = inbox;
        this.advisor = advisor;
        this.thread = new Thread(this::receiveUntilClosed, "mimm-reactive-advice");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the advisor for the advice that holds for this mobile now; the answer goes to the inbox. */
    public void pull(Inet4Address home) throws IOException {
        byte[] pull = inbox.pull(home);
        socket.send(new DatagramPacket(pull, pull.length, advisor));
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    private void receiveUntilClosed() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] datagram = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                Optional<byte[]> ack = inbox.receive(datagram);
                if (ack.isPresent()) {
                    socket.send(new DatagramPacket(ack.get(), ack.get().length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed: the loop ends; otherwise the next datagram is read (the advisor retransmits)
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(1000);
    }
}
