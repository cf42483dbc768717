package net.homeagent.mip6.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The system calls of the signalling device, through JNA. The data-plane bundle has its own for
 * its forwarder; bundles share no implementation classes (docs/architecture.md), and this one
 * needs six calls.
 */
public interface TunLibC extends Library {

    int O_RDWR = 2;
    short POLLIN = 1;
    int EINTR = 4;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;
}
