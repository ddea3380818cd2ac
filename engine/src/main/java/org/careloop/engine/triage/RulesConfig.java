package org.careloop.engine.triage;

import org.careloop.rules.CareRules;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.careloop.rules.triage.ReplyTriage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Drools decision services, built once from the rules module's kmodule. */
@Configuration(proxyBeanMethods = false)
public class RulesConfig {

    @Bean
    CareRules careRules() {
        return new CareRules();
    }

    @Bean
    ReplyTriage replyTriage(CareRules rules) {
        return rules.replyTriage();
    }

    @Bean
    PostDischargeEligibility postDischargeEligibility(CareRules rules) {
        return rules.postDischargeEligibility();
    }
}
