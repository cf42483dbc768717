package net.homeagent.dataplane.linux;

import java.util.Optional;

import com.sun.jna.LastErrorException;

/** The C library, loaded once per data plane, and the meaning of errno values in messages. */
public final class Native {

    private Native() {
    }

    /**
     * Why the data plane cannot run on this platform, if it cannot: its structure layouts are those
     * of LP64 Linux (x86-64, aarch64).
     */
    public static Optional<String> platformProblem() {
        if (com.sun.jna.Platform.isLinux() && com.sun.jna.Native.POINTER_SIZE == 8) {
            return Optional.empty();
        }
        return Optional.of("the data plane runs on 64-bit Linux only, not on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
    }

    /** Loads libc; only where {@link #platformProblem()} found nothing. */
    public static LibC load() {
        platformProblem().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
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
