package org.careloop.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing an API client's secret at the token endpoint is throttled like guessing a password: failed requests count
 * per source address and per client at that address ({@link SignInThrottle}), and past either limit that address is
 * answered 429 before the secret is checked; the client stays open to every other address.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpointThrottle {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointThrottle.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tokenEndpointThrottleFilter(SignInThrottle throttle) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String client = "client:" + clientId(request);
                String address = request.getRemoteAddr();
                if (!throttle.allows(client, address)) {
                    log.warn("Token request refused for {} from {}: too many failures", client, address);
                    response.setStatus(429);
                    response.setHeader("Retry-After", "60");
                    response.setContentType("application/json");
                    response.getWriter()
                            .write("{\"error\":\"slow_down\",\"error_description\":\"Too many failed token requests "
                                    + "from this address; try again later\"}");
                    return;
                }
                chain.doFilter(request, response);
                if (response.getStatus() == 401) {
                    throttle.failed(client, address);
                    log.warn("Token request failed for {} from {}", client, address);
                } else if (response.getStatus() == 200) {
                    throttle.succeeded(client, address);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/oauth2/token");
        registration.setOrder(
                org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** The client the request names (HTTP Basic, else the form's client_id), at most 64 safe characters. */
    static String clientId(HttpServletRequest request) {
        String id = null;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                id = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                id = null;
            }
        }
        if (id == null) {
            id = request.getParameter("client_id");
        }
        return id != null && id.matches("[A-Za-z0-9._-]{1,64}") ? id : "unknown";
    }
}
