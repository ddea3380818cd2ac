package org.careloop.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * A Subscription may only deliver to an endpoint on the allow-list ({@code careloop.fhir.subscription.allowed-endpoints}:
 * URL prefixes such as {@code https://ehr.example.org/notify/}). Anything else, including an empty list, is refused
 * with 422, whichever way the Subscription is written (alone, in a transaction, by update). Only rest-hook
 * channels over http(s), without credentials in the URL, are accepted.
 */
@Interceptor
public class SubscriptionEndpointPolicy {

    private final List<String> allowedPrefixes;

    public SubscriptionEndpointPolicy(List<String> allowedPrefixes) {
        this.allowedPrefixes = allowedPrefixes == null
                ? List.of()
                : allowedPrefixes.stream()
                        .filter(p -> p != null && !p.isBlank())
                        .map(String::trim)
                        .toList();
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    void check(IBaseResource resource) {
        if (!(resource instanceof Subscription subscription)) {
            return;
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new UnprocessableEntityException("Only rest-hook Subscriptions are supported");
        }
        String endpoint = canonical(channel.getEndpoint());
        if (endpoint == null || allowedPrefixes.stream().noneMatch(endpoint::startsWith)) {
            throw new UnprocessableEntityException("Subscription endpoint is not on this server's allow-list "
                    + "(careloop.fhir.subscription.allowed-endpoints)");
        }
    }

    /** scheme://host[:port]/path in lower-case scheme and host; null when not an http(s) URL without user info. */
    static String canonical(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(endpoint.trim()).normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")
                    || uri.getRawUserInfo() != null
                    || uri.getHost() == null) {
                return null;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path + query;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
