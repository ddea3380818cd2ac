package org.careloop.engine.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Replies first. While this node reads a patient's reply or hands its answer to the provider, its batch work (a
 * campaign's enrolments, sends and FHIR records, the engine's jobs) waits before it takes more: on a node whose cores
 * a campaign keeps busy, a reply otherwise gets only its thread's share of them, and the patient waits for the
 * campaign. The wait is bounded ({@code careloop.outbox.replies-first}, 5 s; 0 turns it off), so a steady stream of
 * replies slows a campaign but never stops it: each batch thread then takes one unit of work per bound. Work already
 * begun is not interrupted; what a claimed batch of the outbox has not begun goes back to the queue.
 */
@Component
public class RepliesFirst {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object signal = new Object();
    private final long maxWaitNanos;

    public RepliesFirst(OutboxProperties settings) {
        Duration wait = settings.getRepliesFirst();
        this.maxWaitNanos = wait == null ? 0 : wait.toNanos();
    }

    /** A reply's work begins on this node. */
    public void begin() {
        inFlight.incrementAndGet();
    }

    /** A reply's work has ended on this node. */
    public void end() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /** Whether batch work should wait now: this node works on a reply, and replies first is on. */
    public boolean replyInHand() {
        return maxWaitNanos > 0 && inFlight.get() > 0;
    }

    /**
     * Called by batch work before it takes more: returns at once when no reply is being worked on, else when the last
     * one ends or the bound has passed.
     */
    public void yieldToReplies() {
        if (!replyInHand()) {
            return;
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        synchronized (signal) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
