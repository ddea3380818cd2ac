package org.careloop.engine.handoff;

import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/** Writes handoff snapshots from the outbox to FHIR as {@code Task/handoff-<camunda task id>}. */
@Component
class HandoffMirror implements OutboxHandler<HandoffChanged> {

    private final FhirRecords fhir;

    HandoffMirror(FhirRecords fhir) {
        this.fhir = fhir;
    }

    @Override
    public Class<HandoffChanged> eventType() {
        return HandoffChanged.class;
    }

    @Override
    public void handle(HandoffChanged event) {
        fhir.recordHandoff(event.snapshot());
    }
}
