package net.homeagent.mip.codec;

import java.util.Optional;

/**
 * A datagram that is not a well-formed Mobile IP message. It says what the receiver does with
 * it: answer with a reply code (RFC 5944 §3.8.2.1: poorly formed request, 134) when the fixed
 * header could be read, or discard it silently (truncated header, unknown non-skippable
 * extension, RFC 5944 §1.9).
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Optional<RegistrationRequest> header;
    private final int replyCode;

    private MalformedMessageException(String message, Optional<RegistrationRequest> header, int replyCode) {
        super(message, null, false, false);
        this.header = header;
        this.replyCode = replyCode;
    }

    /** The message is to be dropped without an answer. */
    public static MalformedMessageException discard(String reason) {
        return new MalformedMessageException(reason, Optional.empty(), -1);
    }

    /** The request's fixed header (without extensions) is known: answer it with {@code replyCode}. */
    public static MalformedMessageException reply(String reason, RegistrationRequest header, int replyCode) {
        return new MalformedMessageException(reason, Optional.of(header), replyCode);
    }

    /** The request header to answer, when the message is to be answered. */
    public Optional<RegistrationRequest> header() {
        return header;
    }

    /** The reply code to send; meaningful only when {@link #header()} is present. */
    public int replyCode() {
        return replyCode;
    }

    public boolean isSilentDiscard() {
        return header.isEmpty();
    }
}
