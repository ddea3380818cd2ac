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
 * The buckets are per node; with N nodes, give each 1/N of the provider's rate. One bucket per sender number, so
 * memory does not grow with patients.
 */
@Component
public class SenderRateLimits {

    private final boolean limited;
    private final long capacity;
    private final Duration period;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    SenderRateLimits(SmsProperties sms) {
        double perSecond = sms.ratePerSender();
        this.limited = perSecond > 0;
        // whole messages per refill: 2.5/s is 5 every 2 s, 0.5/s is 1 every 2 s
        this.capacity = limited ? Math.max(1, Math.round(perSecond)) : 1;
        this.period = limited ? Duration.ofNanos((long) (capacity / perSecond * 1_000_000_000L)) : Duration.ZERO;
    }

    /** Takes the sender's next token: zero when it may send now, else how long until it may. */
    public Duration take(String sender) {
        if (!limited) {
            return Duration.ZERO;
        }
        Bucket bucket = buckets.computeIfAbsent(
                sender == null ? "" : sender,
                s -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
