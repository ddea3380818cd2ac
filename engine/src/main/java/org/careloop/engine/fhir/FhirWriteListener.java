package org.careloop.engine.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.annotation.PostConstruct;
import java.util.List;
import org.careloop.engine.outbox.AfterCommit;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns writes in the FHIR facade (alone or in a transaction bundle) into outbox events: once the FHIR transaction
 * has committed, the events that the features' {@link FhirWriteEvents} make of the written resource go to the
 * outbox, and the work on them runs there, never inside the writer's request. One HAPI interceptor for all of them.
 */
@Component
public class FhirWriteListener {

    private final IInterceptorService interceptors;
    private final Outbox outbox;
    private final List<FhirWriteEvents> features;
    private final TransactionTemplate newEngineTransaction;

    FhirWriteListener(
            IInterceptorService interceptors,
            Outbox outbox,
            List<FhirWriteEvents> features,
            @Qualifier("camundaBpmTransactionManager") PlatformTransactionManager engineTransactionManager) {
        this.interceptors = interceptors;
        this.outbox = outbox;
        this.features = List.copyOf(features);
        this.newEngineTransaction = new TransactionTemplate(engineTransactionManager);
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
        List<OutboxEvent> events = features.stream()
                .map(feature -> feature.eventFor(resource))
                .filter(java.util.Objects::nonNull)
                .toList();
        if (!events.isEmpty()) {
            AfterCommit.run(() -> newEngineTransaction.executeWithoutResult(tx -> events.forEach(outbox::enqueue)));
        }
    }
}
