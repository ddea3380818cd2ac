package org.careloop.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed FHIR request by operation, resource type, status and HAPI's error codes, never by message: HAPI's
 * messages quote the rejected value, which can be PHI. (HAPI's own ExceptionHandlingInterceptor logger is turned
 * off in the application's logging settings.) The caller still gets the full OperationOutcome.
 */
@Interceptor
public class FhirErrorLog {

    private static final Logger log = LoggerFactory.getLogger(FhirErrorLog.class);
    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}");

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean logged(
            RequestDetails request,
            BaseServerResponseException exception,
            HttpServletRequest servletRequest,
            HttpServletResponse servletResponse) {
        int status = exception.getStatusCode();
        String operation = request.getRestOperationType() == null
                ? "request"
                : request.getRestOperationType().getCode();
        String type = request.getResourceName() == null ? "-" : request.getResourceName();
        if (status >= 500) {
            log.error(
                    "FHIR {} {} failed with {}: {} (causes: {})",
                    operation,
                    type,
                    status,
                    codes(exception),
                    causes(exception));
        } else {
            log.info("FHIR {} {} refused with {}: {}", operation, type, status, codes(exception));
        }
        return true;
    }

    static List<String> codes(Throwable exception) {
        List<String> codes = new ArrayList<>();
        for (Throwable t = exception; t != null && codes.size() < 5; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = HAPI_CODE.matcher(t.getMessage());
                while (m.find() && !codes.contains(m.group())) {
                    codes.add(m.group());
                }
            }
        }
        return codes;
    }

    private static List<String> causes(Throwable exception) {
        List<String> causes = new ArrayList<>();
        for (Throwable t = exception; t != null && causes.size() < 6; t = t.getCause()) {
            causes.add(t.getClass().getName());
        }
        return causes;
    }
}
