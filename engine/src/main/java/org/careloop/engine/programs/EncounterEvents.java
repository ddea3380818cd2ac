package org.careloop.engine.programs;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.careloop.engine.fhir.FhirWriteListener;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** A finished inpatient stay written to FHIR: the enrolment decision runs on it in the outbox. */
@Component
class EncounterEvents extends FhirWriteListener {

    EncounterEvents(
            IInterceptorService interceptors,
            Outbox outbox,
            @Qualifier("camundaBpmTransactionManager") PlatformTransactionManager engineTm) {
        super(interceptors, outbox, engineTm);
    }

    @Override
    protected OutboxEvent eventFor(IBaseResource written) {
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
