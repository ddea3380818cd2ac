package org.careloop.engine.outbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One kind of outbox event: a record, stored as JSON, named and placed in a lane by {@link Kind}. The set of kinds
 * is the set of {@link OutboxHandler}s ({@link OutboxKinds} checks that each event type has exactly one).
 */
public interface OutboxEvent {

    /**
     * Events with the same key are handled one at a time and in the order they were written (a patient's replies, one
     * message's delivery receipts). {@code null}: no order with any other event.
     */
    default String orderingKey() {
        return null;
    }

    /** The stored name and the lane of an event type. Names are stored in the database: never rename one. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Kind {
        String value();

        Lane lane();
    }
}
