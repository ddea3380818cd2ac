package org.careloop.engine.triage;

import org.careloop.rules.CareRules;
import org.careloop.rules.triage.ReplyTriage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reply triage, from the rules module's DRL. */
@Configuration(proxyBeanMethods = false)
class TriageConfig {

    @Bean
    ReplyTriage replyTriage(CareRules rules) {
        return rules.replyTriage();
    }

    /** The triage rule set, which a deployment may replace while CareLoop runs. */
    @Bean
    org.careloop.rules.decisions.LiveRuleSet replyTriageRules(CareRules rules) {
        return rules.triageRules();
    }
}
