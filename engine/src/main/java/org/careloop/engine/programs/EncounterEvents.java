package org.careloop.engine.programs;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.annotation.PostConstruct;
import org.careloop.engine.outbox.AfterCommit;
import org.careloop.engine.outbox.Outbox;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listens to Encounter writes in the FHIR facade (alone or in a transaction bundle). Once the FHIR
 * transaction has committed, the encounter's id goes to the outbox; the enrolment decision runs there,
 * never inside the EHR's request.
 */
@Component
class EncounterEvents {

    private final IInterceptorService interceptors;
    private final Outbox outbox;
    private final TransactionTemplate newEngineTransaction;

    EncounterEvents(
            IInterceptorService interceptors,
            Outbox outbox,
            @Qualifier("camundaBpmTransactionManager")
                    org.springframework.transaction.PlatformTransactionManager engineTm) {
        this.interceptors = interceptors;
        this.outbox = outbox;
        this.newEngineTransaction = new TransactionTemplate(engineTm);
        this.newEngineTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @PostConstruct
    void register() {
        interceptors.registerInterceptor(this);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        onWrite(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        onWrite(resource);
    }

    private void onWrite(IBaseResource resource) {
        if (!(resource instanceof Encounter encounter) || !looksLikeDischarge(encounter)) {
            return;
        }
        String id = encounter.getIdElement().getIdPart();
        String patient = encounter.getSubject().getReferenceElement().getIdPart();
        AfterCommit.run(() ->
                newEngineTransaction.executeWithoutResult(tx -> outbox.enqueue(new EncounterWritten(id, patient))));
    }

    private static boolean looksLikeDischarge(Encounter encounter) {
        return encounter.getStatus() == Encounter.EncounterStatus.FINISHED
                && "IMP".equals(encounter.getClass_().getCode())
                && encounter.getPeriod().hasEnd();
    }
}
