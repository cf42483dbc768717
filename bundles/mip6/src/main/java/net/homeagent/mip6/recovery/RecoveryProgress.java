package net.homeagent.mip6.recovery;

/**
 * Where binding recovery stands ({@code mip6:recovery}).
 *
 * @param total             entries taken from the backup into the work table
 * @param validated         confirmed by a Binding Update the home agent accepted
 * @param deleted           deleted after silence past their last timer
 * @param pending           neither yet: total - validated - deleted
 * @param awaitingAnswer    of the pending ones, those whose request is out and timer running
 * @param requestsSent      Binding Refresh Requests sent, retries included
 * @param retries           of those, retries
 * @param configuredRate    requests per second configured
 * @param measuredRate      requests sent per second since the first one (0 before it)
 * @param seed              the shuffle's seed
 * @param finished          nothing pending
 */
public record RecoveryProgress(int total, int validated, int deleted, int pending, int awaitingAnswer,
        long requestsSent, long retries, double configuredRate, double measuredRate, long seed, boolean finished) {

    /** Before any recovery: nothing was restored. */
    public static RecoveryProgress none() {
        return new RecoveryProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
    }
}
