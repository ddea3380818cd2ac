package org.careloop.engine.security;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the throttles count failures. With {@code careloop.security.shared-throttles} (on in the {@code postgres}
 * profile) in the database, in Bucket4j's PostgreSQL buckets ({@code throttle_bucket}, a row per address or account
 * at an address, taken under a row lock), so that N nodes behind a load balancer count one set of failures; a row
 * whose bucket has refilled is removed a minute later. Otherwise in each node's memory.
 */
@Component
public class ThrottleStore {

    private static final Logger log = LoggerFactory.getLogger(ThrottleStore.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;

    public ThrottleStore(SecurityProperties security, @Qualifier("camundaBpmDataSource") DataSource database) {
        this.shared = security.sharedThrottles()
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("throttle_bucket")
                        .idColumn("id")
                        .stateColumn("state")
                        .expiresAtColumn("expires_at")
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofMinutes(1)))
                        .build()
                : null;
    }

    /** Failures of one kind, counted here or in the database. */
    FailureCounts counts(String kind, int capacity, Duration window, boolean askTheDatabase) {
        return new FailureCounts(kind, capacity, window, shared, askTheDatabase);
    }

    /** Removes the buckets that have refilled, so that rows do not grow with the addresses ever seen. */
    @Scheduled(fixedDelayString = "${careloop.security.throttle-cleanup-every:PT5M}", initialDelay = 60_000)
    void removeRefilled() {
        if (shared == null) {
            return;
        }
        int removed;
        int total = 0;
        do {
            removed = shared.removeExpired(1_000);
            total += removed;
        } while (removed == 1_000);
        if (total > 0) {
            log.info("Removed {} refilled throttle buckets", total);
        }
    }
}
