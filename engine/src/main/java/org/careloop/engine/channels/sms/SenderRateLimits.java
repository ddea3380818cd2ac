package org.careloop.engine.channels.sms;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The carriers' ceiling per sender number (a US long code takes about one message a second; a short code 100):
 * a Bucket4j token bucket per sending number, {@code careloop.sms.rate-per-sender} messages a second (0: no limit).
 * A message over the limit is not sent late by a waiting thread: its send is put back to wait for the next token.
 * With {@code careloop.sms.shared-rate-limits} (the {@code postgres} profile) the buckets live in the database
 * (Bucket4j's PostgreSQL proxy, one row per sender number taken under a row lock), so every node draws on the same
 * bucket and N nodes together keep the rate; otherwise each node keeps its own, and with N nodes each should get
 * 1/N of the rate. One bucket per sender number, so neither memory nor rows grow with patients.
 */
@Component
public class SenderRateLimits {

    private final boolean limited;
    private final long capacity;
    private final Duration period;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The buckets in the database, when shared across nodes. */
    private final io.github.bucket4j.distributed.proxy.ProxyManager<String> shared;

    @org.springframework.beans.factory.annotation.Autowired
    public SenderRateLimits(
            SmsProperties sms,
            @org.springframework.beans.factory.annotation.Value("${careloop.sms.shared-rate-limits:false}")
                    boolean sharedAcrossNodes,
            @org.springframework.beans.factory.annotation.Qualifier("camundaBpmDataSource")
                    javax.sql.DataSource database) {
        double perSecond = sms.ratePerSender();
        this.limited = perSecond > 0;
        // whole messages per refill: 2.5/s is 5 every 2 s, 0.5/s is 1 every 2 s
        this.capacity = limited ? Math.max(1, Math.round(perSecond)) : 1;
        this.period = limited ? Duration.ofNanos((long) (capacity / perSecond * 1_000_000_000L)) : Duration.ZERO;
        this.shared = limited && sharedAcrossNodes
                ? io.github.bucket4j.postgresql.Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database)
                        .primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                        .table("sender_rate_bucket")
                        .idColumn("id")
                        .stateColumn("state")
                        .build()
                : null;
    }

    /** Buckets kept by this node alone. */
    SenderRateLimits(SmsProperties sms) {
        this(sms, false, null);
    }

    /** Takes the sender's next token: zero when it may send now, else how long until it may. */
    public Duration take(String sender) {
        if (!limited) {
            return Duration.ZERO;
        }
        Bucket bucket = buckets.computeIfAbsent(sender == null ? "" : sender, this::bucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(String sender) {
        if (shared == null) {
            return Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .build();
        }
        // the database's bucket: this node holds only its proxy, each take a short transaction on its row
        return shared.builder()
                .build(
                        sender,
                        () -> io.github.bucket4j.BucketConfiguration.builder()
                                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                                .build());
    }
}
