package net.homeagent.mip.codec.ext;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One extension of a Mobile IPv4 control message (RFC 5944 §1.9). Types 0-127 are not
 * skippable: a receiver that does not understand one must not process the message; types
 * 128-255 may be skipped.
 */
@ConsumerType
public interface Extension {

    /** The type code on the wire. */
    int type();

    static boolean isSkippable(int type) {
        return type >= 128;
    }
}
