package org.careloop.engine.fhir;

import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What one feature makes of a resource written to the FHIR facade: the outbox event it raises, or null. Every such
 * bean is asked about every write by {@link FhirWriteListener}; keep it cheap (no FHIR reads; at most an index lookup).
 */
@FunctionalInterface
public interface FhirWriteEvents {

    OutboxEvent eventFor(IBaseResource written);
}
