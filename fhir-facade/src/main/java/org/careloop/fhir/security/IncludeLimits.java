package org.careloop.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;

/**
 * Refuses wildcard includes ({@code _include=*}, {@code _revinclude=*}, {@code Patient:*}): one search would
 * otherwise pull every resource that points at its matches, which is how a narrow query becomes a bulk export.
 * Named includes are fine, and the authorization rules still filter what they bring.
 */
@Interceptor
public class IncludeLimits {

    private static final int MAX_INCLUDES = 10;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void refuseWildcards(RequestDetails request) {
        Map<String, String[]> params = request.getParameters();
        if (params == null) {
            return;
        }
        int includes = 0;
        for (Map.Entry<String, String[]> param : params.entrySet()) {
            String name = param.getKey();
            if (!name.startsWith("_include") && !name.startsWith("_revinclude")) {
                continue;
            }
            for (String value : param.getValue()) {
                includes++;
                if (value.trim().equals("*") || value.trim().endsWith(":*")) {
                    throw new InvalidRequestException(
                            name + "=" + value.trim()
                                    + " is not supported: name the search parameter to include (e.g. _include=Encounter:subject)");
                }
            }
        }
        if (includes > MAX_INCLUDES) {
            throw new InvalidRequestException(
                    "At most " + MAX_INCLUDES + " _include/_revinclude parameters per search");
        }
    }
}
