package org.careloop.engine.security;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Zero trust at the edge: nothing but health, the landing page, the login page, static assets and the
 * signed webhooks answers without authentication. People sign in with a form; API clients (an EHR) use
 * HTTP Basic. Each area is open to the groups whose work needs it; Camunda's own authorization and the FHIR
 * server's rules then decide per operation.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String[] CARE_TEAM = {
        Groups.role(Groups.NURSE),
        Groups.role(Groups.CARE_COORDINATOR),
        Groups.role(Groups.PHARMACIST),
        Groups.role(Groups.SCHEDULER),
        Groups.role(Groups.ADMIN)
    };
    private static final String[] CONSENT_DESK = {
        Groups.role(Groups.FRONT_DESK),
        Groups.role(Groups.NURSE),
        Groups.role(Groups.CARE_COORDINATOR),
        Groups.role(Groups.PHARMACIST),
        Groups.role(Groups.SCHEDULER)
    };
    /** Who may break the glass and read a patient's page: the clinical teams. */
    private static final String[] CLINICIANS = {
        Groups.role(Groups.NURSE), Groups.role(Groups.CARE_COORDINATOR), Groups.role(Groups.PHARMACIST)
    };

    private static final String[] ENGINE_ADMINS = {Groups.role(Groups.ADMIN), Groups.role(Groups.ANALYST)};
    private static final String ADMIN = Groups.role(Groups.ADMIN);
    /** The engine REST API, at its default-engine and its named-engine paths, and as the webapps use it. */
    private static final String[] ENGINE_REST = {"/engine-rest", "/engine-rest/engine/*", "/camunda/api/engine/engine/*"
    };

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'self'";

    /**
     * The pages' policy. With single sign-on, the sign-out form's answer is a redirect to the provider's sign-out
     * (browsers hold redirects after a form to {@code form-action}), so the provider's origin is allowed there too.
     */
    static String contentSecurityPolicy(OidcProperties oidc) {
        if (!oidc.enabled()) {
            return CONTENT_SECURITY_POLICY;
        }
        java.net.URI issuer = oidc.issuerUri();
        String origin = issuer.getScheme() + "://" + issuer.getAuthority();
        return CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + origin);
    }

    /** Signed provider webhooks and the simulated provider API verify their own credentials. */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/webhooks/**"), path("/simulator/twilio/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * The built-in OAuth2 authorization server's endpoints: {@code POST /oauth2/token} (client credentials, the
     * client's secret by HTTP Basic or in the form) and {@code /oauth2/jwks} (the key that signs tokens).
     */
    @Bean
    @Order(0)
    SecurityFilterChain tokenEndpoint(HttpSecurity http) throws Exception {
        var server = org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers
                .OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(operationOutcomeEntryPoint(false)))
                .build();
    }

    /**
     * Machine APIs: FHIR, Camunda REST and CareLoop's own; OAuth2 bearer tokens (and HTTP Basic where
     * {@code careloop.security.basic-auth} allows it: the demo), no session, refusals as OperationOutcome.
     */
    @Bean
    @Order(2)
    SecurityFilterChain apis(
            HttpSecurity http,
            SecurityProperties security,
            TokenProperties tokens,
            org.springframework.security.oauth2.jwt.JwtDecoder apiTokenDecoder)
            throws Exception {
        if (security.basicAuth()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(operationOutcomeEntryPoint(true)));
        }
        return http.securityMatcher(new OrRequestMatcher(path("/fhir/**"), path("/engine-rest/**"), path("/api/**")))
                .authorizeHttpRequests(auth -> engineRules(auth.requestMatchers(path("/fhir/**"))
                                // the FHIR server's own rules then decide per resource (FhirAccessRules): the care
                                // team reads the patients in its queues only
                                .hasAnyRole(
                                        Groups.role(Groups.EHR_CLIENT),
                                        ADMIN,
                                        Groups.role(Groups.ANALYST),
                                        Groups.role(Groups.AUDITOR),
                                        Groups.role(Groups.NURSE),
                                        Groups.role(Groups.CARE_COORDINATOR),
                                        Groups.role(Groups.PHARMACIST),
                                        Groups.role(Groups.SCHEDULER)))
                        .requestMatchers(path("/engine-rest/**"))
                        .hasAnyRole(ENGINE_ADMINS)
                        .requestMatchers(path("/api/engine/**"))
                        .hasRole(ADMIN)
                        .requestMatchers(
                                new AntPathRequestMatcher("/api/decisions", "GET"),
                                new AntPathRequestMatcher("/api/programs", "GET"))
                        .hasAnyRole(ENGINE_ADMINS)
                        .requestMatchers(path("/api/decisions/**"), path("/api/care-gaps/**"))
                        .hasRole(ADMIN)
                        .requestMatchers(path("/api/users/**"), path("/api/admin/**"))
                        .hasRole(ADMIN)
                        .requestMatchers(path("/api/audit/**"))
                        .hasRole(Groups.role(Groups.AUDITOR))
                        .requestMatchers(path("/api/patients/*/consents"))
                        .hasAnyRole(
                                Groups.role(Groups.NURSE),
                                Groups.role(Groups.CARE_COORDINATOR),
                                Groups.role(Groups.PHARMACIST),
                                Groups.role(Groups.SCHEDULER),
                                Groups.role(Groups.EHR_CLIENT))
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resource -> resource.jwt(jwt ->
                                jwt.decoder(apiTokenDecoder).jwtAuthenticationConverter(ApiTokens.caller(tokens)))
                        .authenticationEntryPoint(operationOutcomeEntryPoint(security.basicAuth())))
                .exceptionHandling(e -> e.authenticationEntryPoint(operationOutcomeEntryPoint(security.basicAuth()))
                        .accessDeniedHandler(operationOutcomeAccessDenied()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** People: form login; Camunda webapps share the sign-in. */
    @Bean
    @Order(3)
    SecurityFilterChain people(
            HttpSecurity http,
            SecurityProperties security,
            SecondFactor secondFactor,
            OidcProperties oidc,
            StaffDirectory directory,
            SsoLogouts ssoLogouts)
            throws Exception {
        if (security.basicAuth()) {
            http.httpBasic(Customizer.withDefaults());
        }
        if (oidc.enabled()) {
            // single sign-on: the organisation's OpenID Connect provider; tokens live in the session, nowhere else
            var registrations = OidcSignIn.registrations(oidc);
            http.oauth2Login(login -> login.loginPage("/login")
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(
                            new org.springframework.security.oauth2.client.web
                                    .HttpSessionOAuth2AuthorizedClientRepository())
                    .userInfoEndpoint(
                            users -> users.oidcUserService(OidcSignIn.users(oidc, security, directory::signedIn)))
                    .successHandler(worklistAfterSignIn())
                    .failureHandler(singleSignOnFailure())
                    // a provider that cannot be reached: the sign-in page says so, not an error page
                    .withObjectPostProcessor(
                            new org.springframework.security.config.ObjectPostProcessor<
                                    org.springframework.security.oauth2.client.web
                                            .OAuth2AuthorizationRequestRedirectFilter>() {
                                @Override
                                public <
                                                F extends
                                                        org.springframework.security.oauth2.client.web
                                                                        .OAuth2AuthorizationRequestRedirectFilter>
                                        F postProcess(F filter) {
                                    filter.setAuthenticationFailureHandler(providerUnreachable(oidc));
                                    return filter;
                                }
                            })
                    .permitAll());
            // signing out of CareLoop signs out of the provider too (OpenID Connect RP-initiated logout), where the
            // provider offers it; back to CareLoop's start page after
            var signOut =
                    new org.springframework.security.oauth2.client.oidc.web.logout
                            .OidcClientInitiatedLogoutSuccessHandler(registrations);
            signOut.setPostLogoutRedirectUri("{baseUrl}/");
            signOut.setDefaultTargetUrl("/");
            http.logout(logout -> logout.logoutSuccessHandler(signOut));
            // and the provider signing the person out ends their CareLoop sessions on every node (back-channel
            // logout; the endpoint checks the provider's signed logout token and needs no session or CSRF token)
            http.oidcLogout(logout -> logout.backChannel(back -> back.logoutHandler(ssoLogouts.recorder())));
            http.addFilterBefore(
                    ssoLogouts.filter(), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        } else {
            http.logout(logout -> logout.logoutSuccessUrl("/"));
        }
        if (oidc.localUsers()) {
            http.formLogin(form -> form.loginPage("/login")
                    .successHandler(SecondFactorSignIn.afterPassword(worklistAfterSignIn(), secondFactor, security))
                    .failureHandler(signInFailure())
                    .permitAll());
        }
        return http.authorizeHttpRequests(auth -> engineRules(auth.requestMatchers(paths(
                                        "/",
                                        "/login",
                                        "/error",
                                        "/css/**",
                                        "/js/**",
                                        "/images/**",
                                        "/webjars/**",
                                        "/favicon.ico",
                                        "/favicon.svg",
                                        "/actuator/health",
                                        "/actuator/health/**",
                                        // an email's signed unsubscribe link is its own credential
                                        "/unsubscribe/*",
                                        // so is a patient's signed, expiring chat link
                                        "/chat/*",
                                        "/chat/*/messages",
                                        "/chat/*/events",
                                        "/chat/*/preference",
                                        // where the patient confirms who they are before the chat shows anything
                                        "/chat/*/identity/*"))
                                .permitAll())
                        .requestMatchers(paths("/camunda/app/admin/**", "/camunda/api/admin/**"))
                        .hasRole(ADMIN)
                        .requestMatchers(path("/camunda/**"))
                        .hasAnyRole(ENGINE_ADMINS)
                        .requestMatchers(paths("/tasks", "/tasks/**"))
                        .hasAnyRole(CARE_TEAM)
                        .requestMatchers(paths("/simulator", "/simulator/**"))
                        .hasAnyRole(CARE_TEAM)
                        // a patient's page, and emergency access to one outside one's queues: the clinical teams
                        .requestMatchers(paths("/emergency-access", "/patients/*"))
                        .hasAnyRole(CLINICIANS)
                        // the consent desk: the front desk, and the care team, who hear it from patients too
                        .requestMatchers(paths("/consents", "/consents/**"))
                        .hasAnyRole(CONSENT_DESK)
                        // templates: analysts and clinical reviewers draft; only a clinical reviewer approves or
                        // retires
                        .requestMatchers(new AntPathRequestMatcher("/templates/versions/**", "POST"))
                        .hasRole(Groups.role(Groups.CLINICAL_REVIEWER))
                        .requestMatchers(paths("/templates", "/templates/**"))
                        .hasAnyRole(Groups.role(Groups.ANALYST), Groups.role(Groups.CLINICAL_REVIEWER))
                        .requestMatchers(paths("/audit", "/audit/**"))
                        .hasRole(Groups.role(Groups.AUDITOR))
                        .requestMatchers(new AntPathRequestMatcher("/admin/programs", "POST"))
                        .hasRole(ADMIN)
                        .requestMatchers(paths("/admin/programs"))
                        .hasAnyRole(ENGINE_ADMINS)
                        .requestMatchers(path("/admin/**"))
                        .hasRole(ADMIN)
                        .anyRequest()
                        .authenticated())
                .logout(logout -> logout.permitAll())
                // a page the user's role does not open: a page that says so and where their work is
                .exceptionHandling(e -> e.accessDeniedPage("/denied"))
                // a password alone opens nothing where a second factor is owed
                .addFilterBefore(
                        new SecondFactorSignIn.Gate(),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                // Camunda's webapps carry their own CSRF protection
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**"), path("/unsubscribe/*")))
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        .referrerPolicy(r ->
                                r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // Camunda's webapps send a policy of their own
                        .addHeaderWriter(
                                new org.springframework.security.web.header.writers
                                        .DelegatingRequestMatcherHeaderWriter(
                                        new NegatedRequestMatcher(path("/camunda/**")),
                                        new org.springframework.security.web.header.writers.StaticHeadersWriter(
                                                "Content-Security-Policy", contentSecurityPolicy(oidc)))))
                .build();
    }

    private static RequestMatcher deploymentWrites() {
        // identity/verify checks any user's password outside the sign-in throttle
        return new OrRequestMatcher(
                anyOf(HttpMethod.POST, "/deployment/create", "/deployment/*/redeploy"),
                anyOf(null, "/identity/verify"));
    }

    private static RequestMatcher identityManagement() {
        return new OrRequestMatcher(
                anyOf(
                        null,
                        "/user",
                        "/user/count",
                        "/user/create",
                        "/group",
                        "/group/**",
                        "/tenant",
                        "/tenant/**",
                        "/authorization",
                        "/authorization/**",
                        "/identity/**"),
                anyOf(HttpMethod.DELETE, "/user/*"));
    }

    /** A user's own profile and password: that user (with the current password, which Camunda checks) or admin. */
    /**
     * The engine's own rules, the same for the APIs and the webapps: deployment only through CareLoop's checked path,
     * identity management and history deletion for admins, and one's own account for oneself.
     */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry engineRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        return auth.requestMatchers(deploymentWrites())
                .denyAll()
                .requestMatchers(identityManagement())
                .hasRole(ADMIN)
                .requestMatchers(ownAccount())
                .access(SecurityConfig::selfOrAdmin)
                .requestMatchers(historyDeletion())
                .hasRole(ADMIN);
    }

    private static RequestMatcher ownAccount() {
        return anyOf(HttpMethod.PUT, "/user/*/credentials", "/user/*/profile");
    }

    private static org.springframework.security.authorization.AuthorizationDecision selfOrAdmin(
            java.util.function.Supplier<org.springframework.security.core.Authentication> authentication,
            org.springframework.security.web.access.intercept.RequestAuthorizationContext context) {
        org.springframework.security.core.Authentication user = authentication.get();
        if (user == null || !user.isAuthenticated()) {
            return new org.springframework.security.authorization.AuthorizationDecision(false);
        }
        boolean admin =
                user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + ADMIN));
        String uri = context.getRequest().getRequestURI();
        String marker = "/user/";
        int start = uri.lastIndexOf(marker);
        String target = start < 0
                ? ""
                : uri.substring(start + marker.length(), Math.max(start + marker.length(), uri.lastIndexOf('/')));
        return new org.springframework.security.authorization.AuthorizationDecision(
                admin || target.equals(user.getName()));
    }

    private static RequestMatcher historyDeletion() {
        return new OrRequestMatcher(
                anyOf(HttpMethod.DELETE, "/history/**"),
                anyOf(HttpMethod.POST, "/history/**/delete", "/history/**/set-removal-time", "/history/cleanup"));
    }

    /** The same engine REST resources at each place the engine API is served. */
    private static RequestMatcher anyOf(HttpMethod method, String... resources) {
        java.util.List<RequestMatcher> matchers = new java.util.ArrayList<>();
        for (String base : ENGINE_REST) {
            for (String resource : resources) {
                matchers.add(
                        method == null
                                ? new AntPathRequestMatcher(base + resource)
                                : new AntPathRequestMatcher(base + resource, method.name()));
            }
        }
        return new OrRequestMatcher(matchers);
    }

    /** Matches the whole request path, whichever servlet (MVC, HAPI, Jersey) serves it. */
    private static RequestMatcher path(String pattern) {
        return new AntPathRequestMatcher(pattern);
    }

    private static RequestMatcher[] paths(String... patterns) {
        return java.util.Arrays.stream(patterns).map(SecurityConfig::path).toArray(RequestMatcher[]::new);
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappSignIn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(
                Map.of("authentication-provider", SpringSecurityCamundaAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(
                org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /**
     * The REST API runs as the signed-in user, so Camunda's authorization checks apply to each call and its
     * user-operation log records who did what.
     */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestRunsAsUser() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(Map.of(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SpringSecurityCamundaAuthentication.class.getName()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(
                org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** A refused single sign-on: the sign-in page says why (the provider's reason, never a token). */
    private static AuthenticationFailureHandler singleSignOnFailure() {
        return (request, response, e) -> {
            String reason = e instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException oauth
                            && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription()
                    : "Your organisation's sign-in did not sign you in";
            request.getSession()
                    .setAttribute(
                            org.careloop.forms.CurrentUser.SINGLE_SIGN_ON_ERROR,
                            reason.length() > 200 ? reason.substring(0, 200) : reason);
            response.sendRedirect(request.getContextPath() + "/login?sso-error");
        };
    }

    /** The provider's discovery document could not be read: the sign-in page says so and offers what else there is. */
    private static AuthenticationFailureHandler providerUnreachable(OidcProperties oidc) {
        return (request, response, e) -> {
            request.getSession()
                    .setAttribute(
                            org.careloop.forms.CurrentUser.SINGLE_SIGN_ON_ERROR,
                            oidc.name() + " cannot be reached just now. Try again in a few minutes"
                                    + (oidc.localUsers() ? ", or sign in with a CareLoop account below." : "."));
            response.sendRedirect(request.getContextPath() + "/login?sso-error");
        };
    }

    private static AuthenticationFailureHandler signInFailure() {
        return (request, response, e) -> {
            // the form shows the user name again (never the password)
            String user = request.getParameter("username");
            if (user != null && user.length() <= 100) {
                request.getSession().setAttribute(org.careloop.forms.CurrentUser.LAST_SIGN_IN_NAME, user);
            }
            response.sendRedirect(request.getContextPath()
                    + (e instanceof SignInThrottledException ? "/login?throttled" : "/login?error"));
        };
    }

    /**
     * After sign-in: the page the user was sent away from, else the user's own work: the task list for the care
     * team, the programs page for administrators and analysts.
     */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler worklistAfterSignIn() {
        var handler =
                new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler() {
                    @Override
                    protected String determineTargetUrl(
                            jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response,
                            org.springframework.security.core.Authentication authentication) {
                        String work = org.careloop.forms.CurrentUser.workPath(authentication);
                        return work == null ? "/" : work;
                    }
                };
        return handler;
    }

    /** 401 as an OperationOutcome, naming the credentials the API takes (a bearer token; HTTP Basic in the demo). */
    private static AuthenticationEntryPoint operationOutcomeEntryPoint(boolean basicAuth) {
        return (request, response, e) -> {
            if (e instanceof SignInThrottledException) {
                response.setHeader("Retry-After", "60");
                writeOutcome(response, 429, "throttled", e.getMessage());
                return;
            }
            boolean badToken =
                    e instanceof org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
            response.setHeader(
                    "WWW-Authenticate",
                    badToken
                            ? "Bearer error=\"invalid_token\""
                            : basicAuth ? "Bearer, Basic realm=\"CareLoop\"" : "Bearer");
            writeOutcome(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "login",
                    badToken
                            ? "The bearer token is not valid (expired, altered or not ours): get a new one"
                            : "Authentication required: a bearer token from /oauth2/token (client credentials)"
                                    + (basicAuth ? ", or HTTP Basic credentials of an API client" : ""));
        };
    }

    private static AccessDeniedHandler operationOutcomeAccessDenied() {
        return (request, response, e) -> writeOutcome(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "forbidden",
                request.getRequestURI().contains("/deployment/")
                        ? "Deploy models through /api/engine/deployment/create (administrators), where they are checked"
                        : "Your account is not allowed to do this");
    }

    private static void writeOutcome(HttpServletResponse response, int status, String code, String text)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(operationOutcome(code, text));
    }

    /** A FHIR OperationOutcome with one error issue; {@code text} is CareLoop's own wording, never caller input. */
    static String operationOutcome(String code, String text) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    }
}
