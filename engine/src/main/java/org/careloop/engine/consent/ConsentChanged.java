package org.careloop.engine.consent;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A patient's consents changed: their FHIR {@code Consent} resources follow, after the commit. */
@OutboxEvent.Kind(value = "consent-record", lane = Lane.RECORDS)
public record ConsentChanged(String patientId) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return "consents-of/" + patientId;
    }
}
