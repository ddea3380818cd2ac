package org.careloop.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The provider webhooks ({@code /webhooks/**}) are rate-limited where an attack shows: each webhook refused for its
 * signature (403) counts against its source address, and an address past {@code
 * careloop.security.webhooks.max-failures-per-address} within the window is answered 429 before its request is read.
 * Correctly signed webhooks are not limited, since a reply refused for a rate would be lost (the provider does not send
 * it again); they can only come from whoever holds the provider's auth token. Counted per node, bounded in size, or
 * in the database where the {@link ThrottleStore} shares the counts: then a node learns of a block from the refusals
 * it counts itself, and an address gets at most N - 1 more refusals across N nodes than the limit.
 */
@Configuration(proxyBeanMethods = false)
class WebhookThrottle {

    private static final Logger log = LoggerFactory.getLogger(WebhookThrottle.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookThrottleFilter(
            SecurityProperties properties, ThrottleStore store) {
        SecurityProperties.Webhooks limits = properties.webhooks();
        // the check is on every webhook, the provider's hot path: answered from this node's memory
        FailureCounts refusals = store.counts("webhook", limits.maxFailuresPerAddress(), limits.window(), false);
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String address = request.getRemoteAddr();
                if (refusals.blocked(address)) {
                    response.setStatus(429);
                    response.setHeader(
                            "Retry-After", String.valueOf(limits.window().toSeconds()));
                    response.setContentType("text/plain");
                    response.getWriter()
                            .write("Too many webhooks with a missing or invalid signature from this address; "
                                    + "try again later");
                    return;
                }
                // a refusal is counted when its status is set, before the answer reaches the caller: the caller's
                // next request always meets the count
                chain.doFilter(request, new jakarta.servlet.http.HttpServletResponseWrapper(response) {
                    @Override
                    public void setStatus(int status) {
                        if (status == 403) {
                            refused(address);
                        }
                        super.setStatus(status);
                    }

                    @Override
                    public void sendError(int status, String message) throws IOException {
                        if (status == 403) {
                            refused(address);
                        }
                        super.sendError(status, message);
                    }
                });
            }

            private void refused(String address) {
                if (refusals.failed(address)) {
                    log.warn("Webhooks from {} refused for {}: too many bad signatures", address, limits.window());
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(
                org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
