package org.careloop.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in in two steps for people: the password, then a TOTP code. After the password the session holds a
 * placeholder that carries no role (authority {@value #PENDING}) and the real sign-in waits in the session; every
 * page but the second step's answers with a redirect to it, so nothing, Camunda's applications included, opens on the
 * password alone. The second step is required for every user where {@code careloop.security.second-factor-required}
 * (everywhere but the demo) and for every user who has set one up.
 */
public final class SecondFactorSignIn {

    /** The authority of a session whose password was right and whose second factor is still to come. */
    public static final String PENDING = "SECOND_FACTOR_PENDING";

    static final String WAITING = "careloop.secondFactor.waiting";
    static final String STEP = "/login/second-factor";
    static final String SETUP = "/login/second-factor/setup";
    private static final List<String> OPEN_WHILE_PENDING =
            List.of(STEP, SETUP, "/logout", "/login", "/error", "/css/", "/js/", "/images/", "/favicon");

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private SecondFactorSignIn() {}

    /** After a right password: straight on where no second factor is asked for, else to the second step. */
    static AuthenticationSuccessHandler afterPassword(
            AuthenticationSuccessHandler next, SecondFactor secondFactor, SecurityProperties properties) {
        return (request, response, authentication) -> {
            boolean enrolled = secondFactor.enrolled(authentication.getName());
            if (!enrolled && !properties.secondFactorRequired()) {
                next.onAuthenticationSuccess(request, response, authentication);
                return;
            }
            HttpSession session = request.getSession();
            session.setAttribute(WAITING, authentication);
            SecurityContext pending = SecurityContextHolder.createEmptyContext();
            pending.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    authentication.getName(), null, List.of(new SimpleGrantedAuthority(PENDING))));
            SecurityContextHolder.setContext(pending);
            CONTEXTS.saveContext(pending, request, response);
            response.sendRedirect(request.getContextPath() + (enrolled ? STEP : SETUP));
        };
    }

    /** The sign-in that waits for its second factor in this session, if any. */
    static Authentication waiting(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(WAITING) instanceof Authentication waiting ? waiting : null;
    }

    /** The second factor was right: the session becomes the real sign-in, under a new session id. */
    static void complete(HttpServletRequest request, HttpServletResponse response) {
        Authentication waiting = waiting(request);
        if (waiting == null) {
            throw new IllegalStateException("No sign-in waits for a second factor");
        }
        request.getSession().removeAttribute(WAITING);
        request.changeSessionId();
        SecurityContext signedIn = SecurityContextHolder.createEmptyContext();
        signedIn.setAuthentication(waiting);
        SecurityContextHolder.setContext(signedIn);
        CONTEXTS.saveContext(signedIn, request, response);
    }

    static boolean pending(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> PENDING.equals(a.getAuthority()));
    }

    /** Sends a session that still owes its second factor to the second step, whatever it asks for. */
    static final class Gate extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (pending(SecurityContextHolder.getContext().getAuthentication())) {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (OPEN_WHILE_PENDING.stream()
                        .noneMatch(open -> open.endsWith("/") ? path.startsWith(open) : path.equals(open))) {
                    response.sendRedirect(request.getContextPath() + STEP);
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
