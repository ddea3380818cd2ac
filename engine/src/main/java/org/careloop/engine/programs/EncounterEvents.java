package org.careloop.engine.programs;

import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.stereotype.Component;

/** A finished inpatient stay written to FHIR: the enrolment decision runs on it in the outbox. */
@Component
class EncounterEvents implements FhirWriteEvents {

    @Override
    public OutboxEvent eventFor(IBaseResource written) {
        if (!(written instanceof Encounter encounter) || !looksLikeDischarge(encounter)) {
            return null;
        }
        return new EncounterWritten(
                encounter.getIdElement().getIdPart(),
                encounter.getSubject().getReferenceElement().getIdPart());
    }

    private static boolean looksLikeDischarge(Encounter encounter) {
        return encounter.getStatus() == Encounter.EncounterStatus.FINISHED
                && "IMP".equals(encounter.getClass_().getCode())
                && encounter.getPeriod().hasEnd();
    }
}
