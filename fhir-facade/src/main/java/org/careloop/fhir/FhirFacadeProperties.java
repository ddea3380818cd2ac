package org.careloop.fhir;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR facade.
 *
 * @param hibernateDialect HAPI's dialect for the database behind the facade
 * @param subscription     where Subscriptions may deliver
 * @param schema           who creates and upgrades HAPI's tables: {@code update}, Hibernate from the entities
 *                         (the embedded default, for a database that lives as long as the process); {@code migrate},
 *                         HAPI's own migrator at start (its SQL scripts for an empty database, then every migration
 *                         task it has not run, recorded in {@code FLY_HFJ_MIGRATION}); {@code none}, an operator ran
 *                         HAPI's {@code migrate-database} command beforehand
 */
@ConfigurationProperties("careloop.fhir")
public record FhirFacadeProperties(
        @DefaultValue("ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect")
        String hibernateDialect,

        @DefaultValue Subscription subscription,

        @DefaultValue("update") String schema) {

    /**
     * @param allowedEndpoints URL prefixes a rest-hook Subscription may deliver to (e.g.
     *                         {@code https://ehr.example.org/notify/}); empty means no Subscription is accepted
     */
    public record Subscription(@DefaultValue List<String> allowedEndpoints) {}
}
