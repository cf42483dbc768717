package net.homeagent.mimmclient.monitor;

import java.time.Instant;
import java.util.List;

/** Every monitored interface at one moment: what the mobility manager decides on, one tick at a time. */
public record Observation(Instant time, List<LinkSample> links) {

    public Observation {
        links = List.copyOf(links);
    }
}
