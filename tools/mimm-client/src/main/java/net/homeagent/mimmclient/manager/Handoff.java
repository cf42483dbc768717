package net.homeagent.mimmclient.manager;

import java.time.Instant;
import java.util.Optional;

/** A completed move: from which link (none at attach) to which, when and why. */
public record Handoff(Instant time, Optional<String> from, String to, HandoffReason reason, boolean advised) {
}
