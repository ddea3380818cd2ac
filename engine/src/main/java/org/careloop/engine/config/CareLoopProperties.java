package org.careloop.engine.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings that the whole engine shares.
 *
 * @param publicBaseUrl the address at which the outside world (an SMS provider, an EHR) reaches this server;
 *                      webhook signatures are computed over it
 */
@ConfigurationProperties("careloop")
public record CareLoopProperties(URI publicBaseUrl) {

    public String url(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
