package org.careloop.engine.security;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Zero trust at the edge: nothing but health, the landing page, the login page, static assets and the
 * signed webhooks answers without authentication. People sign in with a form; API clients (an EHR) use
 * HTTP Basic. Each area is open to the groups whose work needs it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String[] CARE_TEAM = {Groups.role(Groups.NURSE), Groups.role(Groups.CARE_COORDINATOR),
            Groups.role(Groups.SCHEDULER), Groups.role(Groups.ADMIN)};
    private static final String[] ENGINE_ADMINS = {Groups.role(Groups.ADMIN), Groups.role(Groups.ANALYST)};

    /** Signed provider webhooks and the simulated provider API verify their own credentials. */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/webhooks/**"), path("/simulator/twilio/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** Machine APIs: FHIR and Camunda REST, HTTP Basic, no session, FHIR errors as OperationOutcome. */
    @Bean
    @Order(2)
    SecurityFilterChain apis(HttpSecurity http) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(path("/fhir/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/fhir/**")).hasAnyRole(Groups.role(Groups.EHR_CLIENT), Groups.role(Groups.ADMIN),
                                Groups.role(Groups.ANALYST))
                        .requestMatchers(path("/engine-rest/**")).hasAnyRole(ENGINE_ADMINS)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(operationOutcomeEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(operationOutcomeEntryPoint())
                        .accessDeniedHandler(operationOutcomeAccessDenied()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** People: form login; Camunda webapps share the sign-in. */
    @Bean
    @Order(3)
    SecurityFilterChain people(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/", "/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**",
                                "/favicon.ico", "/actuator/health", "/actuator/health/**")).permitAll()
                        .requestMatchers(path("/camunda/**")).hasAnyRole(ENGINE_ADMINS)
                        .requestMatchers(paths("/tasks", "/tasks/**")).hasAnyRole(CARE_TEAM)
                        .requestMatchers(paths("/simulator", "/simulator/**")).authenticated()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/").permitAll())
                .httpBasic(Customizer.withDefaults())
                // Camunda's webapps carry their own CSRF protection
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**")))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .build();
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
        registration.setInitParameters(Map.of("authentication-provider", SpringSecurityCamundaAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    private static AuthenticationEntryPoint operationOutcomeEntryPoint() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"CareLoop\"");
            writeOutcome(response, HttpServletResponse.SC_UNAUTHORIZED, "login", "Authentication required: use HTTP Basic credentials of an API client");
        };
    }

    private static AccessDeniedHandler operationOutcomeAccessDenied() {
        return (request, response, e) -> writeOutcome(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "Your account is not allowed to use this API");
    }

    private static void writeOutcome(HttpServletResponse response, int status, String code, String text) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + code + "\",\"diagnostics\":\"" + text + "\"}]}");
    }
}
