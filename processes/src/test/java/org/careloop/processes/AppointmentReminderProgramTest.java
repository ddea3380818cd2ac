package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the appointment reminders: two reminders, or one when the visit is near or already confirmed; each
 * reply intent; the EHR's reschedule, cancellation, no-show and attendance.
 */
class AppointmentReminderProgramTest {

    private static final String START = "2026-03-10T14:00:00Z";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private Deployment deployment;
    private final List<String> sent = new ArrayList<>();
    private final List<String> updates = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private Map<String, Object> replyReading = Map.of();

    @BeforeEach
    void deploy() {
        ProcessTestSupport.registerQuietMocks();
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> sent.add((String) e.getVariable("templateId")));
        Mocks.register("appointmentUpdateDelegate", (JavaDelegate) e -> {
            updates.add((String) e.getVariable("appointmentAction"));
            if ("confirm".equals(e.getVariable("appointmentAction"))) {
                e.setVariable("appointmentConfirmed", true);
            }
        });
        Mocks.register("appointmentReplyDelegate", (JavaDelegate) e -> e.setVariables(replyReading));
        Mocks.register("appointmentOutcomeDelegate", (JavaDelegate)
                e -> outcomes.add((String) e.getVariable("appointmentOutcome")));
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/program-appointment-reminder.bpmn")
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
        ClockUtil.reset();
    }

    private ProcessInstance booked(String now) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
        return runtimeService()
                .startProcessInstanceByKey(
                        "program-appointment-reminder",
                        "appointment-reminder:a1",
                        withVariables(
                                "patientId", "p1",
                                "appointmentId", "a1",
                                "appointmentStart", START,
                                "appointmentConfirmed", false,
                                "program", "appointment-reminder"));
    }

    private Job timer(ProcessInstance instance) {
        return jobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    private void reply(ProcessInstance instance, Map<String, Object> reading) {
        replyReading = reading;
        runtimeService()
                .createMessageCorrelation("PatientReply")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);
    }

    private static Map<String, Object> reading(String answer, String ack, String team) {
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("appointmentAnswer", answer);
        v.put("ackTemplate", ack);
        v.put("handoffTeam", team);
        v.put("handoffPriority", team == null ? 0 : 50);
        v.put("handoffReason", "test");
        return v;
    }

    @Test
    void remindsSeventyTwoAndTwentyFourHoursBeforeAndRecordsAttendanceNotReported() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");

        org.assertj.core.api.Assertions.assertThat(timer(instance).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-07T14:00:00Z")));
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-07T14:00:00Z")));
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);
        org.assertj.core.api.Assertions.assertThat(timer(instance).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-09T14:00:00Z")));
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);
        org.assertj.core.api.Assertions.assertThat(sent)
                .containsExactly("appointment-reminder", "appointment-reminder");
        org.assertj.core.api.Assertions.assertThat(timer(instance).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-11T02:00:00Z")));
        execute(timer(instance));
        assertThat(instance).isWaitingAt("attendance");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("notReported", "recordOutcome");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("not-reported");
    }

    @Test
    void aVisitLessThanThirtyHoursAwayGetsOneReminder() {
        ProcessInstance instance = booked("2026-03-09T20:00:00Z");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).hasNotPassed("sendFirstReminder").isWaitingAt("waitSecondReminder");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);
        org.assertj.core.api.Assertions.assertThat(sent).containsExactly("appointment-reminder");
    }

    @Test
    void aConfirmationIsWrittenToFhirAnsweredAndSkipsTheSecondReminder() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        reply(instance, reading("confirm", "appointment-confirmed", null));
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        org.assertj.core.api.Assertions.assertThat(updates).containsExactly("confirm");
        org.assertj.core.api.Assertions.assertThat(sent)
                .containsExactly("appointment-reminder", "appointment-confirmed");
        assertThat(instance)
                .hasPassed("joinSecondReminder")
                .hasNotPassed("sendSecondReminder")
                .isWaitingAt("waitAppointmentPassed");
    }

    @Test
    void aRescheduleRequestIsWrittenAnsweredAndGivesTheSchedulersATask() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        reply(instance, reading("reschedule", "appointment-reschedule", "scheduler"));

        org.assertj.core.api.Assertions.assertThat(updates).containsExactly("reschedule");
        org.assertj.core.api.Assertions.assertThat(sent).contains("appointment-reschedule");
        assertThat(task(instance)).hasCandidateGroup("scheduler");
        complete(task(instance));
        assertThat(instance).hasPassed("handedOff").isWaitingAt("waitSecondReminder");
    }

    @Test
    void aClinicalReplyGoesToTheCareTeamAndChangesNothingInTheAppointment() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        reply(instance, reading("clinical", "ack-emergency", "nurse"));

        org.assertj.core.api.Assertions.assertThat(updates).isEmpty();
        org.assertj.core.api.Assertions.assertThat(sent).contains("ack-emergency");
        assertThat(task(instance)).hasCandidateGroup("nurse");
    }

    @Test
    void aCancellationByReplyIsWrittenAndAnswered() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        reply(instance, reading("cancel", "appointment-cancelled", null));

        org.assertj.core.api.Assertions.assertThat(updates).containsExactly("cancel");
        org.assertj.core.api.Assertions.assertThat(sent).contains("appointment-cancelled");
        assertThat(instance).hasPassed("nothingMore").isWaitingAt("waitSecondReminder");
    }

    @Test
    void aRescheduleInTheEhrMovesTheReminders() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");

        runtimeService()
                .createMessageCorrelation("AppointmentRescheduled")
                .processInstanceId(instance.getId())
                .setVariable("appointmentStart", "2026-03-20T14:00:00Z")
                .correlate();

        assertThat(instance).hasPassed("rescheduled").isWaitingAt("waitFirstReminder");
        org.assertj.core.api.Assertions.assertThat(timer(instance).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-17T14:00:00Z")));
    }

    @Test
    void aCancellationInTheEhrEndsTheRemindersWithItsOutcome() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");

        runtimeService()
                .createMessageCorrelation("AppointmentCancelled")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("cancelled");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("cancelled");
        org.assertj.core.api.Assertions.assertThat(sent).isEmpty();
    }

    @Test
    void aNoShowIsTheOutcomeWhetherReportedBeforeOrAfterTheAppointmentTimePassed() {
        ProcessInstance early = booked("2026-03-01T09:00:00Z");
        runtimeService()
                .createMessageCorrelation("AppointmentNoShow")
                .processInstanceId(early.getId())
                .correlate();
        ProcessTestSupport.runJobs(early);
        assertThat(early).isEnded().hasPassed("noShow");

        ProcessInstance late = booked("2026-03-11T03:00:00Z");
        execute(timer(late));
        ProcessTestSupport.runJobs(late);
        execute(timer(late));
        ProcessTestSupport.runJobs(late);
        execute(timer(late));
        assertThat(late).isWaitingAt("attendance");
        runtimeService()
                .createMessageCorrelation("AppointmentNoShow")
                .processInstanceId(late.getId())
                .correlate();
        ProcessTestSupport.runJobs(late);
        assertThat(late).isEnded().hasPassed("noShowLater");

        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("no-show", "no-show");
    }

    @Test
    void attendanceReportedByTheEhrIsTheOutcome() {
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        runtimeService()
                .createMessageCorrelation("AppointmentKept")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("kept");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("kept");
    }

    @Test
    void aReminderThePatientMayNotBeSentEndsTheRemindersAsNoConsent() {
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> {
            throw new org.camunda.bpm.engine.delegate.BpmnError(ProcessErrors.NO_CONSENT);
        });
        ProcessInstance instance = booked("2026-03-01T09:00:00Z");
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-07T14:00:00Z")));
        execute(timer(instance));
        ProcessTestSupport.runJobs(instance);

        assertThat(instance)
                .isEnded()
                .hasPassed("noConsentFound", "recordNoConsent")
                .hasNotPassed("sendSecondReminder");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("no-consent");
    }
}
