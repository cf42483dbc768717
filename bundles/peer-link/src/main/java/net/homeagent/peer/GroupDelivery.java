package net.homeagent.peer;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** The acknowledgements of one {@link PeerChannel#sendToGroup}: one stage per member, by node id. */
@ProviderType
public interface GroupDelivery {

    /** Each member's stage: completes on its acknowledgement, fails with {@link PeerUnreachableException}. */
    Map<Integer, CompletionStage<Void>> byMember();

    /** Completes when every member acknowledged; fails as soon as one member's stage fails. */
    CompletionStage<Void> all();
}
