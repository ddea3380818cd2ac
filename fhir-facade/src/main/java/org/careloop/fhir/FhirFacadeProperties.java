package org.careloop.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR facade.
 *
 * @param hibernateDialect HAPI's dialect for the database behind the facade
 */
@ConfigurationProperties("careloop.fhir")
public record FhirFacadeProperties(
        @DefaultValue("ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect") String hibernateDialect) {
}
