package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something an accepted registration's reply must wait for besides the store's durability
 * ({@link BindingStore#sync()}): a redundancy group's acknowledgements of the change, so that a
 * binding acknowledged to its mobile node survives the active member's death. Registered as an OSGi
 * service (whiteboard); the home agent sends the reply of an accepted registration or
 * deregistration once the store's sync and every barrier's stage have completed. A refusal waits
 * for nothing.
 *
 * <p>Called after the change is in the table (so its {@link BindingListener}s have run), on the
 * thread that made the decision, which may be an event loop: it must return at once. The stage
 * bounds its own wait; a stage that fails lets the reply go too (the home agent logs it), since a
 * reply withheld helps nobody.
 */
@ConsumerType
@FunctionalInterface
public interface ReplyBarrier {

    /** @return completes when the reply of the change just made to {@code homeAddress} may be sent */
    CompletionStage<Void> beforeReply(Inet4Address homeAddress);
}
