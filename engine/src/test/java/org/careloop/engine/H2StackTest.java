package org.careloop.engine;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole stack on embedded H2, one shared Spring context for every test that extends this. */
@SpringBootTest(classes = CareLoopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
public abstract class H2StackTest extends IntegrationSupport {

    static final int PORT = TestPorts.free();
    /** The organisation's identity provider of the single sign-on tests ({@code SingleSignOnH2IT} starts it). */
    static final int IDENTITY_PROVIDER_PORT = TestPorts.free();
    /** The watched models folder of the shared stack. */
    static final java.nio.file.Path MODELS_DIR = modelsDir();

    private static java.nio.file.Path modelsDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("careloop-models");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        stackProperties(registry, PORT);
        registry.add(
                "careloop.datasource.fhir.url",
                () -> "jdbc:h2:mem:it-fhir;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY");
        registry.add(
                "careloop.datasource.engine.url",
                () -> "jdbc:h2:mem:it-engine;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        // single sign-on through an OpenID Connect provider, beside the local accounts every other test signs in with
        registry.add("careloop.security.oidc.issuer-uri", () -> "http://localhost:" + IDENTITY_PROVIDER_PORT);
        registry.add("careloop.security.oidc.client-id", () -> org.careloop.testidp.TestIdentityProvider.CLIENT_ID);
        registry.add(
                "careloop.security.oidc.client-secret", () -> org.careloop.testidp.TestIdentityProvider.CLIENT_SECRET);
        registry.add("careloop.security.oidc.name", () -> "Springfield SSO");
        registry.add("careloop.security.oidc.local-sign-in", () -> "true");
        registry.add("careloop.models.dir", MODELS_DIR::toString);
        registry.add("careloop.models.scan-interval", () -> "PT1H");
        // the AI gateway on, against a local stand-in for an OpenAI-compatible endpoint
        registry.add("careloop.ai.enabled", () -> "true");
        registry.add("careloop.ai.base-url", FakeLanguageModelServer::baseUrl);
        registry.add("careloop.ai.model", () -> "fake-model");
        registry.add("careloop.ai.timeout", () -> "5s");
    }

    @Override
    protected int port() {
        return PORT;
    }
}
