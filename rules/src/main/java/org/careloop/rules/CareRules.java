package org.careloop.rules;

import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.careloop.rules.triage.ReplyTriage;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;

/**
 * Entry point to the care rules: builds the KIE container from {@code META-INF/kmodule.xml} once
 * and hands out the decision services. Thread-safe; build one per application.
 */
public final class CareRules {

    private final KieContainer container;

    public CareRules() {
        this.container = KieServices.Factory.get().newKieClasspathContainer(CareRules.class.getClassLoader());
        var errors = container.verify().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Care rules do not compile: " + errors);
        }
    }

    public ReplyTriage replyTriage() {
        return new ReplyTriage(kieBaseForTriage());
    }

    /** The triage rules alone, for a triage service built with another interpreter or classifier. */
    public org.kie.api.KieBase kieBaseForTriage() {
        return container.getKieBase("triage");
    }

    /** Replies to appointment reminders: confirm, reschedule, cancel, or something for a person. */
    public org.careloop.rules.appointment.AppointmentReplies appointmentReplies(ReplyTriage triage) {
        return new org.careloop.rules.appointment.AppointmentReplies(container.getKieBase("appointment"), triage);
    }

    /** Which program a booked appointment starts: reminders, procedure preparation, or none. */
    public org.careloop.rules.appointment.AppointmentProgram appointmentProgram() {
        return new org.careloop.rules.appointment.AppointmentProgram(container.getKieBase("appointment"));
    }

    /** Which chronic conditions enrol in check-ins, what to ask and how often. */
    public org.careloop.rules.chronic.ChronicEnrolment chronicEnrolment() {
        return new org.careloop.rules.chronic.ChronicEnrolment(container.getKieBase("chronic"));
    }

    /** The thresholds a reading is judged by. */
    public org.careloop.rules.chronic.ReadingThresholds readingThresholds() {
        return new org.careloop.rules.chronic.ReadingThresholds(container.getKieBase("chronic"));
    }

    /** Whether a preventive care gap is open for a patient. */
    public org.careloop.rules.caregap.CareGapDue careGapDue() {
        return new org.careloop.rules.caregap.CareGapDue(container.getKieBase("caregap"));
    }

    public PostDischargeEligibility postDischargeEligibility() {
        return new PostDischargeEligibility(container.getKieBase("eligibility"));
    }
}
