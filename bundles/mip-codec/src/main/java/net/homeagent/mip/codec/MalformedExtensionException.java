package net.homeagent.mip.codec;

/**
 * An extension whose framing or contents break its specification (wrong fixed length, length
 * overrunning the datagram, bad NAI, ...). The message codec turns it into the consequence its
 * message type calls for: reply code 134 "poorly formed request" (RFC 5944 §3.4, §3.8.2.1) for a
 * request, silent discard for a reply. Thrown only for bad input, so it carries no stack trace.
 */
public final class MalformedExtensionException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedExtensionException(String reason) {
        super(reason, null, false, false);
    }
}
