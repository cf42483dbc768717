package net.homeagent.dataplane.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * The system calls made per datagram or per batch, through JNA's direct mapping: a native static
 * method per call instead of the interface proxy's reflection, which cost more than the system
 * call itself (the lab journal, git show 9740906:docs/PERFORMANCE.md, "Data plane"). {@code size_t}/{@code ssize_t} are {@code long}
 * on the LP64 Linux that {@link Native#platformProblem()} checks for.
 */
final class HotCalls {

    static {
        com.sun.jna.Native.register("c");
    }

    private HotCalls() {
    }

    static native long read(int fd, Pointer buffer, long count) throws LastErrorException;

    static native long write(int fd, Pointer buffer, long count) throws LastErrorException;

    static native int sendmmsg(int fd, Pointer messages, int count, int flags) throws LastErrorException;

    static native int recvmmsg(int fd, Pointer messages, int count, int flags, Pointer timeout)
            throws LastErrorException;

    static native int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;
}
