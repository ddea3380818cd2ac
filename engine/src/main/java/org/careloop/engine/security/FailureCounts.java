package org.careloop.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;

/**
 * Failures of one kind (sign-ins, refused webhooks, …) counted per key (a source address, an account at an address) in
 * Bucket4j token buckets of {@code capacity} failures that refill over the window; a key whose bucket is empty is
 * blocked until a failure's worth has refilled. The buckets live in this node's memory (bounded), or, where the
 * {@link ThrottleStore} shares them, in the database, so that every node counts the same failures.
 *
 * <p>Whether a key is blocked is answered from this node's memory, unless {@code askTheDatabase}: a node learns of a
 * block by the failures it counts itself, so an attacker spread over N nodes gets at most N - 1 more tries than the
 * limit. Where tries are rare and precious (passwords), the database is asked on every check instead.
 */
final class FailureCounts {

    private static final int MAX_TRACKED = 100_000;

    private final String kind;
    private final int capacity;
    private final Duration window;
    private final ProxyManager<String> shared;
    private final boolean askTheDatabase;
    private final BucketConfiguration configuration;
    private final Cache<String, Bucket> local;
    /** Keys blocked, by the {@link System#nanoTime()} until which they are. */
    private final Cache<String, Long> blockedUntil;

    FailureCounts(String kind, int capacity, Duration window, ProxyManager<String> shared, boolean askTheDatabase) {
        this.kind = kind;
        this.capacity = capacity;
        this.window = window;
        this.shared = shared;
        this.askTheDatabase = askTheDatabase && shared != null;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                .build();
        this.local = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(window)
                .build();
        this.blockedUntil = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterWrite(window)
                .build();
    }

    /** Whether the key is blocked now. */
    boolean blocked(String key) {
        Long until = blockedUntil.getIfPresent(key);
        if (until != null && System.nanoTime() - until < 0) {
            return true;
        }
        if (askTheDatabase && shared.getProxyConfiguration(id(key)).isPresent()) {
            return bucket(key).getAvailableTokens() <= 0;
        }
        return false;
    }

    /** Counts a failure for the key; whether the key is blocked now. */
    boolean failed(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed() && probe.getRemainingTokens() > 0) {
            return false;
        }
        long wait = probe.isConsumed() ? window.toNanos() / capacity : probe.getNanosToWaitForRefill();
        blockedUntil.put(key, System.nanoTime() + wait);
        return true;
    }

    /** Forgets the key's failures (a success where only an account's failures at an address count). */
    void forget(String key) {
        blockedUntil.invalidate(key);
        local.invalidate(key);
        if (shared != null) {
            shared.removeProxy(id(key));
        }
    }

    private Bucket bucket(String key) {
        if (shared == null) {
            return local.get(
                    key,
                    k -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                            .build());
        }
        return shared.builder().build(id(key), () -> configuration);
    }

    private String id(String key) {
        String id = kind + ":" + key;
        return id.length() > 300 ? id.substring(0, 300) : id;
    }
}
