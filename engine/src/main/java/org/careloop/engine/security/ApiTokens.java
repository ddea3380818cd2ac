package org.careloop.engine.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.careloop.fhir.security.SmartScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens for API clients: a built-in OAuth2 authorization server (Spring Authorization Server) issues
 * client-credentials tokens at {@code POST /oauth2/token} to the clients of {@code careloop.security.tokens.clients},
 * signed JWTs carrying the client's CareLoop groups and SMART scopes; the APIs accept them as bearer tokens. With
 * {@code careloop.security.tokens.issuer-uri} set, tokens of that external server are accepted instead.
 */
@Configuration(proxyBeanMethods = false)
class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    @Bean
    RegisteredClientRepository apiClients(TokenProperties properties) {
        PasswordEncoder secrets = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<RegisteredClient> clients = new ArrayList<>();
        properties.clients().forEach((id, client) -> {
            if (client.secret() == null || client.secret().isBlank()) {
                throw new IllegalStateException("careloop.security.tokens.clients." + id + ".secret is not set");
            }
            String secret = client.secret().startsWith("{") ? client.secret() : secrets.encode(client.secret());
            clients.add(RegisteredClient.withId(
                            UUID.nameUUIDFromBytes(id.getBytes()).toString())
                    .clientId(id)
                    .clientSecret(secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(client.scopes()))
                    .clientSettings(ClientSettings.builder()
                            .setting(GROUPS_SETTING, String.join(" ", client.groups()))
                            .build())
                    .tokenSettings(TokenSettings.builder()
                            .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                            .accessTokenTimeToLive(properties.validFor())
                            .build())
                    .build());
        });
        if (clients.isEmpty()) {
            // the server needs one; this one cannot authenticate (no secret matches a random one-way hash)
            clients.add(RegisteredClient.withId("none")
                    .clientId("none")
                    .clientSecret("{bcrypt}" + secrets.encode(UUID.randomUUID().toString()))
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    static final String GROUPS_SETTING = "careloop.groups";

    /** The client's groups in each token, under the configured claim. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsInTokens(TokenProperties properties) {
        return context -> {
            Object groups = context.getRegisteredClient().getClientSettings().getSetting(GROUPS_SETTING);
            if (groups instanceof String list && !list.isBlank()) {
                context.getClaims().claim(properties.groupsClaim(), List.of(list.split(" ")));
            }
        };
    }

    /**
     * Tokens are self-contained and short-lived, so the server keeps no record of them: the default in-memory store
     * would hold every token ever issued until a restart.
     */
    @Bean
    OAuth2AuthorizationService noTokenStore() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {}

            @Override
            public void remove(OAuth2Authorization authorization) {}

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    JWKSource<SecurityContext> tokenKeys(TokenProperties properties) throws IOException, ParseException {
        if (properties.keyFile() != null && !properties.keyFile().isBlank()) {
            return new ImmutableJWKSet<>(JWKSet.parse(Files.readString(Path.of(properties.keyFile()))));
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            if (!properties.clients().isEmpty()) {
                log.warn("careloop.security.tokens.key-file is not set: API tokens are signed with a key made now, "
                        + "valid on this node until it restarts");
            }
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The built-in server's tokens, checked against its own key; or those of the configured external server. */
    @Bean
    JwtDecoder apiTokenDecoder(TokenProperties properties, JWKSource<SecurityContext> keys) {
        if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            return JwtDecoders.fromIssuerLocation(properties.issuerUri());
        }
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    /** A token's caller: the client id, its groups as roles, its scopes, and the mark that scopes limit it. */
    static Converter<Jwt, AbstractAuthenticationToken> caller(TokenProperties properties) {
        return jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            List<String> groups = jwt.hasClaim(properties.groupsClaim())
                    ? jwt.getClaimAsStringList(properties.groupsClaim())
                    : List.of();
            authorities.addAll(Groups.authorities(groups));
            Object scope = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
            List<String> scopes = scope instanceof String text
                    ? List.of(text.split(" "))
                    : scope instanceof java.util.Collection<?> list
                            ? list.stream().map(String::valueOf).toList()
                            : List.of();
            scopes.forEach(s -> authorities.add(new SimpleGrantedAuthority(SmartScopes.PREFIX + s)));
            authorities.add(new SimpleGrantedAuthority(SmartScopes.LIMITED));
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
