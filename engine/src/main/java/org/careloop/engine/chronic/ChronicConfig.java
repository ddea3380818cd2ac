package org.careloop.engine.chronic;

import org.careloop.rules.CareRules;
import org.careloop.rules.chronic.ChronicEnrolment;
import org.careloop.rules.chronic.ReadingThresholds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chronic check-in's decisions, from the rules module's DMN (replaceable through the decisions API). */
@Configuration(proxyBeanMethods = false)
class ChronicConfig {

    @Bean
    ChronicEnrolment chronicEnrolment(CareRules rules) {
        return rules.chronicEnrolment();
    }

    @Bean
    org.careloop.rules.chronic.CheckInReplies checkInReplies(CareRules rules) {
        return rules.checkInReplies();
    }

    @Bean
    ReadingThresholds readingThresholds(CareRules rules) {
        return rules.readingThresholds();
    }
}
