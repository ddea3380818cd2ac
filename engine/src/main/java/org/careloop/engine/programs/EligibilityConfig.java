package org.careloop.engine.programs;

import org.careloop.rules.CareRules;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Program eligibility, from the rules module's DMN. */
@Configuration(proxyBeanMethods = false)
class EligibilityConfig {

    @Bean
    PostDischargeEligibility postDischargeEligibility(CareRules rules) {
        return rules.postDischargeEligibility();
    }
}
