package org.careloop.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
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
 * it again); they can only come from whoever holds the provider's auth token. Counted per node, bounded in size.
 */
@Configuration(proxyBeanMethods = false)
class WebhookThrottle {

    private static final Logger log = LoggerFactory.getLogger(WebhookThrottle.class);
    private static final int MAX_TRACKED = 100_000;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookThrottleFilter(SecurityProperties properties) {
        SecurityProperties.Webhooks limits = properties.webhooks();
        Cache<String, Bucket> refusals = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(limits.window())
                .build();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String address = request.getRemoteAddr();
                Bucket bucket = refusals.getIfPresent(address);
                if (bucket != null && bucket.getAvailableTokens() <= 0) {
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
                Bucket counted = refusals.get(
                        address,
                        a -> Bucket.builder()
                                .addLimit(limit -> limit.capacity(limits.maxFailuresPerAddress())
                                        .refillGreedy(limits.maxFailuresPerAddress(), limits.window()))
                                .build());
                counted.tryConsume(1);
                if (counted.getAvailableTokens() <= 0) {
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
