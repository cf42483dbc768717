package net.homeagent.group;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@link GroupConfig} checked and in the types the member uses. */
record GroupSettings(String vrrpInstance, String virtualAddress, Optional<Path> notifyFifo, Optional<Path> trackFile,
        boolean passive, boolean replyWaitsForGroup, Duration replyTimeout, Duration learnRetry, Duration learnTimeout,
        Duration heartbeat, Duration memberSilence, Duration tombstoneLife, int chunkBytes, Duration gapRepair,
        int repairRingSize) {

    GroupSettings {
        if (chunkBytes < 100 || chunkBytes > 65000) {
            throw new IllegalArgumentException("chunkBytes must be 100-65000, not " + chunkBytes);
        }
        if (repairRingSize < 1 || repairRingSize > 16_777_216) {
            throw new IllegalArgumentException("repairRingSize must be 1-16777216, not " + repairRingSize);
        }
        for (Duration d : new Duration[] {replyTimeout, learnRetry, learnTimeout, heartbeat, memberSilence,
            tombstoneLife, gapRepair}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("group timers must be positive: " + d);
            }
        }
    }

    static GroupSettings from(GroupConfig config) {
        return new GroupSettings(config.vrrpInstance(), config.virtualAddress(), path(config.notifyFifo()),
                path(config.trackFile()), config.passive(), config.replyWaitsForGroup(),
                Duration.ofMillis(config.replyTimeoutMillis()), Duration.ofMillis(config.learnRetryMillis()),
                Duration.ofMillis(config.learnTimeoutMillis()), Duration.ofMillis(config.heartbeatMillis()),
                Duration.ofMillis(config.memberSilenceMillis()), Duration.ofSeconds(config.tombstoneSeconds()),
                config.chunkBytes(), Duration.ofMillis(config.gapRepairMillis()), config.repairRingSize());
    }

    private static Optional<Path> path(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(Path.of(text.strip()));
    }
}
