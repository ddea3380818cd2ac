package org.careloop.engine.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.annotation.PostConstruct;
import org.careloop.engine.outbox.AfterCommit;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns writes in the FHIR facade (alone or in a transaction bundle) into outbox events: once the FHIR transaction
 * has committed, the event a subclass makes of the written resource goes to the outbox, and the work on it runs
 * there, never inside the writer's request.
 */
public abstract class FhirWriteListener {

    private final IInterceptorService interceptors;
    private final Outbox outbox;
    private final TransactionTemplate newEngineTransaction;

    protected FhirWriteListener(
            IInterceptorService interceptors, Outbox outbox, PlatformTransactionManager engineTransactionManager) {
        this.interceptors = interceptors;
        this.outbox = outbox;
        this.newEngineTransaction = new TransactionTemplate(engineTransactionManager);
        this.newEngineTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The event a written resource raises, or null when it raises none. */
    protected abstract OutboxEvent eventFor(IBaseResource written);

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
        OutboxEvent event = eventFor(resource);
        if (event != null) {
            AfterCommit.run(() -> newEngineTransaction.executeWithoutResult(tx -> outbox.enqueue(event)));
        }
    }
}
