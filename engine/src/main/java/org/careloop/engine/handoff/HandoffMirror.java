package org.careloop.engine.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.HandoffSnapshot;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/** Writes handoff snapshots from the outbox to FHIR as {@code Task/handoff-<camunda task id>}. */
@Component
class HandoffMirror implements OutboxHandler {

    static final String KIND = "handoff-changed";

    private final FhirRecords fhir;
    private final ObjectMapper json;

    HandoffMirror(FhirRecords fhir, ObjectMapper json) {
        this.fhir = fhir;
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) throws Exception {
        fhir.recordHandoff(json.readValue(payload, HandoffSnapshot.class));
    }
}
