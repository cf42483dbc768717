package net.homeagent.mimmclient.monitor;

import java.util.List;

/**
 * A signal trace: observations in time order (recorded or synthetic), and how many input lines were
 * skipped as malformed while it was read.
 */
public record Trace(List<Observation> observations, int malformedLines) {

    public Trace {
        observations = List.copyOf(observations);
    }
}
