package org.careloop.engine.chronic;

import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.springframework.stereotype.Component;

/** A Condition the chronic check-in follows, written to FHIR: its enrolment is decided, or ended, in the outbox. */
@Component
class ConditionEvents implements FhirWriteEvents {

    @Override
    public OutboxEvent eventFor(IBaseResource written) {
        if (!(written instanceof Condition condition)
                || ChronicConditions.category(condition) == null
                || !condition.getSubject().hasReferenceElement()) {
            return null;
        }
        return new ConditionWritten(
                condition.getIdElement().getIdPart(),
                condition.getSubject().getReferenceElement().getIdPart());
    }
}
