package org.careloop.engine.outbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code careloop.outbox.*}: how often lanes poll, how long handled events are kept, and each lane's threads and claim. */
@ConfigurationProperties("careloop.outbox")
public class OutboxProperties {

    /** A lane's threads and the events one claim takes, unless configured. */
    private record Defaults(int threads, int batchSize) {}

    /**
     * A thread handles what it claimed one event after another, so a lane where every second counts claims one event
     * at a time (the other threads take the next), and a lane whose handler writes a batch at once claims many.
     */
    private static final Map<Lane, Defaults> DEFAULTS = Map.of(
            Lane.REPLIES, new Defaults(4, 1),
            Lane.ANSWERS, new Defaults(2, 1),
            Lane.STATUS, new Defaults(1, 10),
            Lane.SENDS, new Defaults(4, 5),
            Lane.ENROLMENT, new Defaults(2, 5),
            Lane.RECORDS, new Defaults(2, 50),
            Lane.AI, new Defaults(1, 1));

    /** How long a lane with nothing to do waits before it looks again (a commit wakes it sooner). */
    private Duration pollInterval = Duration.ofSeconds(2);
    /**
     * How long batch work waits at most, each time before it takes more, while this node works on a patient's reply
     * (0: not at all). Under a steady stream of replies each batch thread takes one unit of work per bound, so a
     * short bound lets a campaign keep the cores and the replies queue (see BENCHMARKS.md, B3 and this bound).
     */
    private Duration repliesFirst = Duration.ofSeconds(5);
    /** How long handled events are kept for inspection. */
    private Duration keepDone = Duration.ofDays(7);
    /** Per lane: threads on this node (0 leaves the lane to other nodes) and events one claim takes at most. */
    private Map<Lane, LaneSettings> lanes = new EnumMap<>(Lane.class);

    /** One lane's settings; unset values take the lane's default. */
    public static class LaneSettings {
        private Integer threads;
        private Integer batchSize;

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }
    }

    int threads(Lane lane) {
        LaneSettings set = lanes.get(lane);
        return set != null && set.getThreads() != null
                ? set.getThreads()
                : DEFAULTS.get(lane).threads();
    }

    int batchSize(Lane lane) {
        LaneSettings set = lanes.get(lane);
        return set != null && set.getBatchSize() != null
                ? set.getBatchSize()
                : DEFAULTS.get(lane).batchSize();
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getRepliesFirst() {
        return repliesFirst;
    }

    public void setRepliesFirst(Duration repliesFirst) {
        this.repliesFirst = repliesFirst;
    }

    public Duration getKeepDone() {
        return keepDone;
    }

    public void setKeepDone(Duration keepDone) {
        this.keepDone = keepDone;
    }

    public Map<Lane, LaneSettings> getLanes() {
        return lanes;
    }

    public void setLanes(Map<Lane, LaneSettings> lanes) {
        this.lanes = lanes;
    }
}
