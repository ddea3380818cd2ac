package org.careloop.engine.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens for API clients (an EHR, a SIEM): OAuth2 client credentials from the built-in authorization server
 * ({@code POST /oauth2/token}), or from an external one.
 *
 * @param validFor    how long a token from the built-in server works
 * @param keyFile     a JWK set (JSON) holding the RSA key that signs tokens; several nodes share it. Without one, a
 *                    key is made at start: tokens then work only on the node that issued them, until it restarts
 * @param issuerUri   an external authorization server (OpenID discovery at this issuer): its tokens are accepted
 *                    instead of the built-in server's
 * @param groupsClaim the claim naming the caller's CareLoop groups (e.g. {@code ehr-client}) in a token
 * @param clients     the built-in server's clients by id
 */
@ConfigurationProperties("careloop.security.tokens")
public record TokenProperties(
        @DefaultValue("15m") Duration validFor,
        String keyFile,
        String issuerUri,
        @DefaultValue("groups") String groupsClaim,
        Map<String, Client> clients) {

    public TokenProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    /**
     * One API client.
     *
     * @param secret its secret, with its encoding: {@code {bcrypt}…} (the demo's are {@code {noop}…})
     * @param groups the CareLoop groups it acts in, e.g. {@code ehr-client}
     * @param scopes what it may ask for, SMART style: {@code system/Communication.read}, {@code system/*.read},
     *               {@code system/*.write}
     */
    public record Client(String secret, List<String> groups, List<String> scopes) {

        public Client {
            groups = groups == null ? List.of() : List.copyOf(groups);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
