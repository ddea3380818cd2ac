package org.careloop.fhir;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR facade.
 *
 * @param hibernateDialect HAPI's dialect for the database behind the facade
 * @param subscription     where Subscriptions may deliver
 */
@ConfigurationProperties("careloop.fhir")
public record FhirFacadeProperties(
        @DefaultValue("ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect") String hibernateDialect,
        @DefaultValue Subscription subscription) {

    /**
     * @param allowedEndpoints URL prefixes a rest-hook Subscription may deliver to (e.g.
     *                         {@code https://ehr.example.org/notify/}); empty means no Subscription is accepted
     */
    public record Subscription(@DefaultValue List<String> allowedEndpoints) {
    }
}
