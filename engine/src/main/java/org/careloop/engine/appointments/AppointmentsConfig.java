package org.careloop.engine.appointments;

import org.careloop.rules.CareRules;
import org.careloop.rules.appointment.AppointmentReplies;
import org.careloop.rules.triage.ReplyTriage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replies to appointment reminders, read by the rules module's DRL on top of the reply triage. */
@Configuration(proxyBeanMethods = false)
class AppointmentsConfig {

    @Bean
    org.careloop.rules.appointment.AppointmentProgram appointmentProgram(CareRules rules) {
        return rules.appointmentProgram();
    }

    @Bean
    AppointmentReplies appointmentReplies(CareRules rules, ReplyTriage triage) {
        return rules.appointmentReplies(triage);
    }

    /** The appointment-reply rule set, which a deployment may replace while CareLoop runs. */
    @Bean
    org.careloop.rules.decisions.LiveRuleSet appointmentReplyRules(CareRules rules) {
        return rules.appointmentRules();
    }
}
