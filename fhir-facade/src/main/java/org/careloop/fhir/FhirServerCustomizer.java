package org.careloop.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/** Lets the application add interceptors or providers to the FHIR server before it starts serving. */
@FunctionalInterface
public interface FhirServerCustomizer {
    void customize(RestfulServer server);
}
