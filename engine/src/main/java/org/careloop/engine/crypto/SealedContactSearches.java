package org.careloop.engine.crypto;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.careloop.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A patient's phone numbers and email addresses are sealed in the FHIR server's tables ({@link SealedFhirText}), so
 * HAPI indexes none of them: a search by {@code phone}, {@code email} or {@code telecom} on a {@code Patient} or a
 * {@code RelatedPerson} (also chained, or reversed with {@code _has}) would find nothing and say nothing. It is refused
 * with a 400 that says why and what to search by instead. CareLoop itself finds a patient by a number through the
 * blind index of its own tables, never through FHIR search.
 */
@Interceptor
public class SealedContactSearches {

    static final Set<String> SEALED = Set.of("phone", "email", "telecom");
    static final Set<String> HOLDERS = Set.of("Patient", "RelatedPerson");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void refuse(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        Map<String, String[]> params = request.getParameters();
        if (params == null
                || (operation != RestOperationTypeEnum.SEARCH_TYPE
                        && operation != RestOperationTypeEnum.SEARCH_SYSTEM)) {
            return;
        }
        for (String name : params.keySet()) {
            if (searchesASealedContact(request.getResourceName(), name)) {
                throw new InvalidRequestException("Search parameter '" + name
                        + "' is not supported: CareLoop keeps patients' phone numbers and email addresses sealed at "
                        + "rest, so they are not searchable; search by identifier, name or birthdate instead");
            }
        }
    }

    static boolean searchesASealedContact(String resourceName, String parameter) {
        String name = parameter.strip();
        if (name.startsWith("_has:")) {
            // _has:RelatedPerson:patient:phone
            String[] parts = name.split(":");
            return parts.length >= 4 && HOLDERS.contains(parts[1]) && sealed(parts[parts.length - 1]);
        }
        int chain = name.lastIndexOf('.');
        if (chain >= 0) {
            // subject:Patient.phone, patient.email; a chain typed to another resource (performer:Practitioner.phone) is
            // fine
            String link = name.substring(0, chain);
            int typed = link.lastIndexOf(':');
            String type = typed >= 0 ? link.substring(typed + 1) : null;
            return sealed(name.substring(chain + 1)) && (type == null || HOLDERS.contains(type));
        }
        return resourceName != null && HOLDERS.contains(resourceName) && sealed(name);
    }

    private static boolean sealed(String parameter) {
        int modifier = parameter.indexOf(':');
        return SEALED.contains((modifier >= 0 ? parameter.substring(0, modifier) : parameter).toLowerCase(Locale.ROOT));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FhirServerCustomizer sealedContactSearches() {
            return server -> server.registerInterceptor(new SealedContactSearches());
        }
    }
}
