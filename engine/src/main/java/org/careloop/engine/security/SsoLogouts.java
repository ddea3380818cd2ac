package org.careloop.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-outs the identity provider announces (OpenID Connect Back-Channel Logout 1.0, at {@code
 * /logout/connect/back-channel/oidc}; the logout token's signature, issuer, audience and event are checked by Spring
 * Security): each is recorded in the database, and every node ends the matching sessions at their next request, the
 * node that took the call as any other. A logout token naming the provider's session ({@code sid}) ends the sessions
 * begun in it; one naming only the person ({@code sub}) ends every session of theirs begun before it. Ended sessions
 * are sent to the sign-in page. Records older than a day are removed; no session outlives its 15 idle minutes that
 * long without a request.
 */
@Component
public class SsoLogouts {

    private static final Logger log = LoggerFactory.getLogger(SsoLogouts.class);
    /** How long a node may take a session for still open after the provider ended it. */
    static final Duration CHECKED_EVERY = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Sessions found still open, per provider session or person: not asked again for a moment. */
    private final Cache<String, Boolean> open = Caffeine.newBuilder()
            .expireAfterWrite(CHECKED_EVERY)
            .maximumSize(100_000)
            .build();

    SsoLogouts(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the provider's sign-out; the filter ends the sessions. */
    LogoutHandler recorder() {
        return (request, response, authentication) -> {
            if (!(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
                return;
            }
            jdbc.update(
                    "insert into sso_logout (id, issuer, subject, sid, ended_at) values (?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(),
                    token.getIssuer().toString(),
                    token.getSubject(),
                    token.getSessionId(),
                    Timestamp.from(clock.instant()));
            // this node asks again at once; the others within CHECKED_EVERY
            open.invalidateAll();
            log.info(
                    "The identity provider ended {} of {}",
                    token.getSessionId() == null ? "every session" : "a session",
                    token.getSubject() == null ? "a person" : token.getSubject());
        };
    }

    /** Whether the provider has ended the session this user signed in with. */
    boolean ended(OidcUser user) {
        String issuer = user.getIdToken().getIssuer() == null
                ? null
                : user.getIdToken().getIssuer().toString();
        if (issuer == null) {
            return false;
        }
        String sid = user.getIdToken().getClaimAsString("sid");
        String key = issuer + "|" + sid + "|" + user.getSubject();
        if (open.getIfPresent(key) != null) {
            return false;
        }
        Instant signedIn = user.getIdToken().getIssuedAt() == null
                ? Instant.EPOCH
                : user.getIdToken().getIssuedAt();
        Integer found = jdbc.queryForObject(
                "select count(*) from sso_logout where issuer = ? and ((sid is not null and sid = ?) "
                        + "or (sid is null and subject = ? and ended_at >= ?))",
                Integer.class,
                issuer,
                sid,
                user.getSubject(),
                Timestamp.from(signedIn));
        if (found == null || found == 0) {
            open.put(key, Boolean.TRUE);
            return false;
        }
        return true;
    }

    /** Ends, at its next request, a session the provider has ended: to the sign-in page, which says so. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
                if (signedIn != null && signedIn.getPrincipal() instanceof OidcUser user && ended(user)) {
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                    log.info("A session the identity provider ended was closed");
                    response.sendRedirect(request.getContextPath() + "/login?sso-signed-out");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void removeOld() {
        int removed = jdbc.update(
                "delete from sso_logout where ended_at < ?",
                Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
        if (removed > 0) {
            log.info("{} sign-out record(s) of the identity provider older than a day removed", removed);
        }
    }
}
