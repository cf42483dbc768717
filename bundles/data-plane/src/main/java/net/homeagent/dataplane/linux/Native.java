package net.homeagent.dataplane.linux;

import com.sun.jna.LastErrorException;

/** The C library, loaded once per data plane, and the meaning of errno values in messages. */
public final class Native {

    private Native() {
    }

    /**
     * Loads libc; throws {@link UnsupportedOperationException} on a platform where the data plane's
     * structure layouts (LP64 Linux: x86-64, aarch64) do not hold.
     */
    public static LibC load() {
        if (!com.sun.jna.Platform.isLinux() || com.sun.jna.Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("the data plane runs on 64-bit Linux only, not on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        return com.sun.jna.Native.load("c", LibC.class);
    }

    /** True when the call failed for want of privileges (CAP_NET_ADMIN / CAP_NET_RAW). */
    public static boolean isPermissionDenied(LastErrorException e) {
        return e.getErrorCode() == LibC.EPERM || e.getErrorCode() == LibC.EACCES;
    }

    public static boolean isWouldBlock(LastErrorException e) {
        return e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR;
    }
}
