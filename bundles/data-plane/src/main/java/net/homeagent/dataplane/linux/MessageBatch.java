package net.homeagent.dataplane.linux;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * {@code count} datagram slots in native memory with the {@code struct mmsghdr} vector that
 * {@code sendmmsg(2)} and {@code recvmmsg(2)} take: one system call moves a whole batch. The
 * layouts are those of LP64 Linux (x86-64, aarch64), checked by {@link Native#platformProblem()}:
 * {@code msghdr} 56 octets (name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40,
 * flags 48), {@code mmsghdr} 64 (msg_len at 56), {@code iovec} 16, {@code sockaddr_in} 16.
 * One thread uses a batch.
 */
public final class MessageBatch {

    static final int MMSGHDR = 64;
    static final int MSG_LEN = 56;
    static final int IOVEC = 16;
    static final int SOCKADDR_IN = 16;

    private final int count;
    private final int slotSize;
    private final Memory data;
    private final Memory headers;
    private final Memory iovecs;
    private final Memory addresses;
    private final ByteBuffer view;

    public MessageBatch(int count, int slotSize) {
        this.count = count;
        this.slotSize = slotSize;
        this.data = new Memory((long) count * slotSize);
        this.headers = new Memory((long) count * MMSGHDR);
        this.iovecs = new Memory((long) count * IOVEC);
        this.addresses = new Memory((long) count * SOCKADDR_IN);
        headers.clear();
        addresses.clear();
        for (int i = 0; i < count; i++) {
            long h = (long) i * MMSGHDR;
            iovecs.setPointer((long) i * IOVEC, data.share((long) i * slotSize));
            iovecs.setLong((long) i * IOVEC + 8, slotSize);
            headers.setPointer(h, addresses.share((long) i * SOCKADDR_IN));
            headers.setInt(h + 8, SOCKADDR_IN);
            headers.setPointer(h + 16, iovecs.share((long) i * IOVEC));
            headers.setLong(h + 24, 1);
        }
        // JNA hands out native (little-endian) order; packets are in network order
        this.view = data.getByteBuffer(0, (long) count * slotSize).order(java.nio.ByteOrder.BIG_ENDIAN);
    }

    public int count() {
        return count;
    }

    public int slotSize() {
        return slotSize;
    }

    /** All slots as one big-endian buffer: slot {@code i} starts at {@link #offset(int) offset(i)}. */
    public ByteBuffer buffer() {
        return view;
    }

    public int offset(int slot) {
        return slot * slotSize;
    }

    public Pointer slot(int slot) {
        return data.share((long) slot * slotSize);
    }

    /** Sets slot {@code i} to send {@code length} octets to the IPv4 address {@code destination}. */
    public void prepareSend(int slot, int length, int destination) {
        iovecs.setLong((long) slot * IOVEC + 8, length);
        long a = (long) slot * SOCKADDR_IN;
        addresses.setShort(a, (short) LibC.AF_INET);
        addresses.setShort(a + 2, (short) 0);
        // sin_addr in network order: the big-endian int written octet by octet
        addresses.setByte(a + 4, (byte) (destination >>> 24));
        addresses.setByte(a + 5, (byte) (destination >>> 16));
        addresses.setByte(a + 6, (byte) (destination >>> 8));
        addresses.setByte(a + 7, (byte) destination);
        headers.setInt((long) slot * MMSGHDR + 8, SOCKADDR_IN);
    }

    /** Readies every slot to receive a whole datagram. */
    void prepareReceive() {
        for (int i = 0; i < count; i++) {
            iovecs.setLong((long) i * IOVEC + 8, slotSize);
            headers.setInt((long) i * MMSGHDR + 8, SOCKADDR_IN);
        }
    }

    /** Octets received into slot {@code i} by the last receive. */
    public int receivedLength(int slot) {
        return headers.getInt((long) slot * MMSGHDR + MSG_LEN);
    }

    Pointer headers(int fromSlot) {
        return headers.share((long) fromSlot * MMSGHDR);
    }
}
