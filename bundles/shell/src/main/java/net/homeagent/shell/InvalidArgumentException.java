package net.homeagent.shell;

/** An operator typed something a command cannot use; the message is the whole answer. */
final class InvalidArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidArgumentException(String message) {
        super(message, null, false, false);
    }
}
