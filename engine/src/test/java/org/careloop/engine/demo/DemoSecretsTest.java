package org.careloop.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

class DemoSecretsTest {

    private static String tokenAfterStart(MockEnvironment environment) {
        new DemoSecrets(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(DemoSecrets.TOKEN);
    }

    @Test
    void demoWithoutATokenGetsAFreshRandomOneEachStart() {
        String first = tokenAfterStart(new MockEnvironment().withProperty("spring.profiles.active", "demo"));
        MockEnvironment second = new MockEnvironment();
        second.setActiveProfiles("demo");

        assertThat(first).matches("[0-9a-f]{40}");
        assertThat(tokenAfterStart(second)).matches("[0-9a-f]{40}").isNotEqualTo(first);
    }

    @Test
    void aConfiguredTokenIsKept() {
        MockEnvironment environment = new MockEnvironment().withProperty(DemoSecrets.TOKEN, "chosen");
        environment.setActiveProfiles("demo");

        assertThat(tokenAfterStart(environment)).isEqualTo("chosen");
    }

    @Test
    void outsideTheDemoNothingIsInvented() {
        assertThat(tokenAfterStart(new MockEnvironment())).isNull();
    }
}
