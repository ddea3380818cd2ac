package org.careloop.testidp;

import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * An organisation's OpenID Connect identity provider for the single sign-on tests, outside the application's component
 * scan: Spring Authorization Server as Spring Boot configures it (discovery, authorization code flow, signed ID
 * tokens, its own sign-in form, OpenID Connect RP-initiated logout), with a few people whose ID tokens name their groups and the methods they signed in
 * with ({@code amr}). Its own Spring context on its own port, reading none of CareLoop's configuration.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class,
    OAuth2AuthorizationServerJwtAutoConfiguration.class
})
public class TestIdentityProvider {

    public static final String CLIENT_ID = "careloop";
    public static final String CLIENT_SECRET = "sso-client-secret";
    public static final String PASSWORD = "sso-password";

    /** The provider's people: their groups (a role, a department), and whether they signed in with a second factor. */
    public record Person(List<String> groups, List<String> methods) {}

    public static final Map<String, Person> PEOPLE = Map.of(
            "sso-nurse", new Person(List.of("nurse", "main"), List.of("pwd", "otp")),
            "sso-visitor", new Person(List.of("visitors"), List.of("pwd", "otp")));

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(PEOPLE.keySet().stream()
                .map(name -> User.withUsername(name)
                        .password("{noop}" + PASSWORD)
                        .roles("USER")
                        .build())
                .toList());
    }

    /** The claims an organisation's provider puts in the ID token: the user's name, groups and sign-in methods. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                String name = context.getPrincipal().getName();
                Person person = PEOPLE.get(name);
                context.getClaims().claim("preferred_username", name);
                context.getClaims().claim("groups", person.groups());
                context.getClaims().claim("amr", person.methods());
            }
        };
    }

    /**
     * Starts the provider at {@code http://localhost:port}, with CareLoop (at {@code careLoop}) registered: its redirect
     * URI, and its start page as where the provider sends the browser after signing out.
     */
    public static ConfigurableApplicationContext start(int port, String careLoop) {
        String client = "--spring.security.oauth2.authorizationserver.client.careloop.";
        return new SpringApplicationBuilder(TestIdentityProvider.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.config.name=test-identity-provider",
                        "--spring.application.name=test-identity-provider",
                        "--spring.main.banner-mode=off",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        // the browser keeps this provider's session apart from CareLoop's
                        "--server.servlet.session.cookie.name=IDPSESSION",
                        "--spring.security.oauth2.authorizationserver.issuer=http://localhost:" + port,
                        client + "registration.client-id=" + CLIENT_ID,
                        client + "registration.client-secret={noop}" + CLIENT_SECRET,
                        client + "registration.client-authentication-methods=client_secret_basic",
                        client + "registration.authorization-grant-types=authorization_code",
                        client + "registration.redirect-uris=" + careLoop + "/login/oauth2/code/oidc",
                        client + "registration.post-logout-redirect-uris=" + careLoop + "/",
                        client + "registration.scopes=openid,profile",
                        client + "require-authorization-consent=false");
    }
}
