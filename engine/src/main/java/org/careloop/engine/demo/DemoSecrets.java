package org.careloop.engine.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo profile: the simulated SMS provider's auth token is made afresh at every start (and shown once in the log)
 * unless one is configured, so nobody can forge signed webhooks with a token written in the jar.
 */
public class DemoSecrets implements EnvironmentPostProcessor {

    static final String TOKEN = "careloop.sms.twilio.auth-token";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Log log;

    public DemoSecrets(DeferredLogFactory logs) {
        this.log = logs.getLog(DemoSecrets.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("demo")) {
            return;
        }
        String configured = environment.getProperty(TOKEN);
        if (configured != null && !configured.isBlank()) {
            return;
        }
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        environment.getPropertySources().addFirst(new MapPropertySource("careloop-demo-secrets", Map.of(TOKEN, token)));
        log.info("Demo profile: the simulated SMS provider's auth token for this run is " + token + " (set " + TOKEN
                + " to choose one)");
    }
}
