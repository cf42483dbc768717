package net.homeagent.dataplane.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The Linux system calls the data plane makes to set itself up, through JNA (no C of our own);
 * the per-datagram ones are {@link HotCalls}. Every call throws {@link LastErrorException} with
 * errno when it fails.
 */
public interface LibC extends Library {

    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int AF_INET = 2;
    int AF_PACKET = 17;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_NONBLOCK = 0x800;
    int IPPROTO_RAW = 255;
    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    int SO_SNDBUF = 7;
    int MSG_DONTWAIT = 0x40;
    short POLLIN = 1;
    int EAGAIN = 11;
    int EINTR = 4;
    int EPERM = 1;
    int EACCES = 13;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int option, Pointer value, int length) throws LastErrorException;

    NativeLong sendto(int fd, Pointer buffer, NativeLong length, int flags, Pointer address, int addressLength)
            throws LastErrorException;
}
