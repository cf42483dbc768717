package net.homeagent.mimm.reactive;

import java.util.List;
import java.util.OptionalInt;

import net.homeagent.mip.codec.mimm.AlertReason;

/** An alert as read from a trap or an event and mapped to networks, before the book numbers it. */
record AlertRequest(String subject, List<Integer> networks, AlertReason reason, long expirySeconds,
        OptionalInt alternative, String source) {
}
