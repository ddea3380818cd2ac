package org.careloop.engine.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.careloop.fhir.FhirServerCustomizer;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Every read, search, create, update and delete through the FHIR API is audited (IHE BALP, as HAPI ships it). */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    FhirServerCustomizer fhirAudit(AuditTrail trail) {
        IBalpAuditContextServices who = new IBalpAuditContextServices() {
            @Override
            public Reference getAgentClientWho(RequestDetails request) {
                return new Reference().setDisplay("CareLoop FHIR API");
            }

            @Override
            public Reference getAgentUserWho(RequestDetails request) {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                String name = user == null ? "anonymous" : user.getName();
                return new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(AuditTrail.USER_SYSTEM)
                                .setValue(name))
                        .setDisplay(name);
            }

            /** References stay relative, as resources of this server are stored. */
            @Override
            public String massageResourceIdForStorage(
                    RequestDetails request,
                    org.hl7.fhir.instance.model.api.IBaseResource resource,
                    org.hl7.fhir.instance.model.api.IIdType id) {
                return id.toUnqualifiedVersionless().getValue();
            }

            @Override
            public String getNetworkAddress(RequestDetails request) {
                return request instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails servlet
                        ? servlet.getServletRequest().getRemoteAddr()
                        : null;
            }
        };
        return server -> server.registerInterceptor(new BalpAuditCaptureInterceptor(trail, who));
    }
}
