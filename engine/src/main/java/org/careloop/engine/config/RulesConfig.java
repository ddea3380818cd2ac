package org.careloop.engine.config;

import org.careloop.rules.CareRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules module's knowledge bases, built once; each feature takes the decision service it needs from them. */
@Configuration(proxyBeanMethods = false)
public class RulesConfig {

    @Bean
    CareRules careRules() {
        return new CareRules();
    }
}
