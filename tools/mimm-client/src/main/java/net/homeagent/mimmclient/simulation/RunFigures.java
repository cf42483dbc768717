package net.homeagent.mimmclient.simulation;

/**
 * What one manager did over one or more traces.
 *
 * @param samples           observations fed
 * @param handoffs          moves made (attach included)
 * @param pingPongs         moves back to the link left within the ping-pong window
 * @param inactiveSamples   observations after which the mobile was on an inactive link (down, or raw signal below
 *                          inactive) while another link was not
 * @param longestInactiveRun the most such observations in a row
 */
public record RunFigures(long samples, long handoffs, long pingPongs, long inactiveSamples, long longestInactiveRun) {

    public RunFigures plus(RunFigures other) {
        return new RunFigures(samples + other.samples, handoffs + other.handoffs, pingPongs + other.pingPongs,
                inactiveSamples + other.inactiveSamples, Math.max(longestInactiveRun, other.longestInactiveRun));
    }

    public static final RunFigures NONE = new RunFigures(0, 0, 0, 0, 0);
}
