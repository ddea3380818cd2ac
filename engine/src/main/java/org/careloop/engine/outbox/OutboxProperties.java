package org.careloop.engine.outbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code careloop.outbox.*}: how often lanes poll, how long handled events are kept, and each lane's threads and claim. */
@ConfigurationProperties("careloop.outbox")
public class OutboxProperties {

    private static final Map<Lane, Integer> DEFAULT_THREADS =
            Map.of(Lane.REPLIES, 4, Lane.STATUS, 1, Lane.SENDS, 4, Lane.ENROLMENT, 2, Lane.RECORDS, 2, Lane.AI, 1);
    /**
     * A thread handles what it claimed one event after another, so a lane where every second counts claims one event
     * at a time (the other threads take the next), and a lane whose handler writes a batch at once claims many.
     */
    private static final Map<Lane, Integer> DEFAULT_BATCH =
            Map.of(Lane.REPLIES, 1, Lane.STATUS, 10, Lane.SENDS, 5, Lane.ENROLMENT, 5, Lane.RECORDS, 50, Lane.AI, 1);

    /** How long a lane with nothing to do waits before it looks again (a commit wakes it sooner). */
    private Duration pollInterval = Duration.ofSeconds(2);
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
        return set != null && set.getThreads() != null ? set.getThreads() : DEFAULT_THREADS.get(lane);
    }

    int batchSize(Lane lane) {
        LaneSettings set = lanes.get(lane);
        return set != null && set.getBatchSize() != null ? set.getBatchSize() : DEFAULT_BATCH.get(lane);
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
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
