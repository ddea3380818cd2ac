package org.careloop.engine.chronic;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.careloop.engine.fhir.FhirWriteListener;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** A Condition the chronic check-in follows, written to FHIR: its enrolment is decided, or ended, in the outbox. */
@Component
class ConditionEvents extends FhirWriteListener {

    ConditionEvents(
            IInterceptorService interceptors,
            Outbox outbox,
            @Qualifier("camundaBpmTransactionManager") PlatformTransactionManager engineTm) {
        super(interceptors, outbox, engineTm);
    }

    @Override
    protected OutboxEvent eventFor(IBaseResource written) {
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
