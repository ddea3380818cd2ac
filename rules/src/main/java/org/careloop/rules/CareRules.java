package org.careloop.rules;

import org.careloop.rules.appointment.AppointmentReplies;
import org.careloop.rules.decisions.DeploymentGate;
import org.careloop.rules.decisions.LiveRuleSet;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.Team;
import org.careloop.rules.triage.TriageAction;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;

/**
 * Entry point to the care rules: builds the KIE container from {@code META-INF/kmodule.xml} once
 * and hands out the decision services. Thread-safe; build one per application.
 */
public final class CareRules {

    /** The id and file name of the reply-triage rule set, as deployments name it. */
    public static final String REPLY_TRIAGE_RULES = "reply-triage";
    /** The id and file name of the appointment-reply rule set, as deployments name it. */
    public static final String APPOINTMENT_REPLY_RULES = "appointment-reply";

    private final KieContainer container;
    private final LiveRuleSet triageRules;
    private final LiveRuleSet appointmentRules;

    public CareRules() {
        this.container = KieServices.Factory.get().newKieClasspathContainer(CareRules.class.getClassLoader());
        var errors = container.verify().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Care rules do not compile: " + errors);
        }
        DeploymentGate triageGate = DeploymentGate.load("org/careloop/rules/triage/deployment-gate.tsv");
        this.triageRules = new LiveRuleSet(
                REPLY_TRIAGE_RULES,
                "org/careloop/rules/triage/" + REPLY_TRIAGE_RULES + ".drl",
                container.getKieBase("triage"),
                candidate -> {
                    ReplyTriage triage = new ReplyTriage(candidate);
                    triageGate.require((reply, language) -> gateReading(triage.triage(reply, language)));
                });
        DeploymentGate appointmentGate = DeploymentGate.load("org/careloop/rules/appointment/deployment-gate.tsv");
        this.appointmentRules = new LiveRuleSet(
                APPOINTMENT_REPLY_RULES,
                "org/careloop/rules/appointment/" + APPOINTMENT_REPLY_RULES + ".drl",
                container.getKieBase("appointment"),
                candidate -> {
                    AppointmentReplies replies = new AppointmentReplies(candidate, replyTriage());
                    appointmentGate.require((reply, language) ->
                            replies.read(reply, language).intent().code());
                });
    }

    /** How a triage deployment gate names a verdict: nurse-now, person, opt-out, continue or clarify. */
    static String gateReading(TriageDecision decision) {
        if (decision.action() == TriageAction.URGENT && Team.NURSE.group().equals(decision.team())) {
            return "nurse-now";
        }
        if (decision.handoff()) {
            return "person";
        }
        return decision.action().code();
    }

    /** The reply-triage rules, which an analyst may replace while CareLoop runs. */
    public LiveRuleSet triageRules() {
        return triageRules;
    }

    /** The appointment-reply rules, which an analyst may replace while CareLoop runs. */
    public LiveRuleSet appointmentRules() {
        return appointmentRules;
    }

    public ReplyTriage replyTriage() {
        return new ReplyTriage(triageRules::kieBase);
    }

    /** The triage rules alone, for a triage service built with another interpreter or classifier. */
    public org.kie.api.KieBase kieBaseForTriage() {
        return triageRules.kieBase();
    }

    /** Replies to appointment reminders: confirm, reschedule, cancel, or something for a person. */
    public AppointmentReplies appointmentReplies(ReplyTriage triage) {
        return new AppointmentReplies(appointmentRules::kieBase, triage);
    }

    /** Which program a booked appointment starts: reminders, procedure preparation, or none. */
    public org.careloop.rules.appointment.AppointmentProgram appointmentProgram() {
        return new org.careloop.rules.appointment.AppointmentProgram(container.getKieBase("appointment"));
    }

    /** Which chronic conditions enrol in check-ins, what to ask and how often. */
    public org.careloop.rules.chronic.ChronicEnrolment chronicEnrolment() {
        return new org.careloop.rules.chronic.ChronicEnrolment(container.getKieBase("chronic"));
    }

    /** What a chronic-disease check-in does with a reply: the answer and who follows up. */
    public org.careloop.rules.chronic.CheckInReplies checkInReplies() {
        return new org.careloop.rules.chronic.CheckInReplies(container.getKieBase("chronic"));
    }

    /** The thresholds a reading is judged by. */
    public org.careloop.rules.chronic.ReadingThresholds readingThresholds() {
        return new org.careloop.rules.chronic.ReadingThresholds(container.getKieBase("chronic"));
    }

    /** What the care-gap program does with a reply to an invitation. */
    public org.careloop.rules.caregap.CareGapReplies careGapReplies() {
        return new org.careloop.rules.caregap.CareGapReplies(container.getKieBase("caregap"));
    }

    /** Whether a preventive care gap is open for a patient. */
    public org.careloop.rules.caregap.CareGapDue careGapDue() {
        return new org.careloop.rules.caregap.CareGapDue(container.getKieBase("caregap"));
    }

    public PostDischargeEligibility postDischargeEligibility() {
        return new PostDischargeEligibility(container.getKieBase("eligibility"));
    }
}
