package org.careloop.engine.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every call to the process engine's API is on the audit trail: the engine REST API ({@code /engine-rest}) and the
 * API Cockpit and Admin call ({@code /camunda/api}), by whom, from where, which call and its outcome. The webapps'
 * static files are not calls and are not recorded.
 */
@Configuration(proxyBeanMethods = false)
class EngineApiAudit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineApiAuditFilter(AuditTrail trail) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                    if (caller != null && caller.isAuthenticated()) {
                        String path = request.getRequestURI()
                                .substring(request.getContextPath().length());
                        trail.engineCall(
                                caller.getName(),
                                request.getRemoteAddr(),
                                request.getMethod(),
                                path.length() > 300 ? path.substring(0, 300) : path,
                                response.getStatus(),
                                path.startsWith("/camunda/") ? "Camunda webapps" : "engine REST API");
                    }
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // inside Spring Security's chain's reach: the caller is known when the call ends
        registration.setOrder(
                org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
