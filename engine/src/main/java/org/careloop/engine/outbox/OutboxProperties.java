package org.careloop.engine.outbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code careloop.outbox.*}: how often lanes poll, how much a claim takes, and each lane's threads. */
@ConfigurationProperties("careloop.outbox")
public class OutboxProperties {

    private static final Map<Lane, Integer> DEFAULT_THREADS =
            Map.of(Lane.REPLIES, 2, Lane.STATUS, 1, Lane.SENDS, 4, Lane.ENROLMENT, 2, Lane.RECORDS, 2, Lane.AI, 1);

    /** How long a lane with nothing to do waits before it looks again (a commit wakes it sooner). */
    private Duration pollInterval = Duration.ofSeconds(2);
    /** Events one claim takes at most. */
    private int batchSize = 20;
    /** How long handled events are kept for inspection. */
    private Duration keepDone = Duration.ofDays(7);
    /** Threads per lane on this node; 0 stops a lane here (another node must run it). */
    private Map<Lane, LaneSettings> lanes = new EnumMap<>(Lane.class);

    /** One lane's settings. */
    public static class LaneSettings {
        private Integer threads;

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }
    }

    int threads(Lane lane) {
        LaneSettings set = lanes.get(lane);
        return set != null && set.getThreads() != null ? set.getThreads() : DEFAULT_THREADS.get(lane);
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
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
