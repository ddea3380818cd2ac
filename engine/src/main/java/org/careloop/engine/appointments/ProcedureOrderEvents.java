package org.careloop.engine.appointments;

import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/** Every ServiceRequest written for a patient: a procedure's preparation may start, move or end in the outbox. */
@Component
class ProcedureOrderEvents implements FhirWriteEvents {

    @Override
    public OutboxEvent eventFor(IBaseResource written) {
        if (!(written instanceof ServiceRequest order)
                || !order.getSubject().hasReferenceElement()
                || !"Patient".equals(order.getSubject().getReferenceElement().getResourceType())) {
            return null;
        }
        return new ProcedureOrdered(
                order.getIdElement().getIdPart(),
                order.getSubject().getReferenceElement().getIdPart());
    }
}
