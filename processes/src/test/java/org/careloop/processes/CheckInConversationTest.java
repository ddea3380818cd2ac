package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = "bpmn/careloop-check-in.bpmn")
class CheckInConversationTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private final List<String> sentTemplates = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        ProcessTestSupport.registerQuietMocks();
        Mocks.register("sendMessageDelegate", (JavaDelegate)
                (DelegateExecution execution) -> sentTemplates.add((String) execution.getVariableLocal("templateId")));
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    private ProcessInstance startCheckIn() {
        return runtimeService()
                .startProcessInstanceByKey(
                        "careloop-check-in",
                        "post-discharge:p1:e1",
                        withVariables(
                                "checkInTemplate", "post-discharge-checkin-1",
                                "reminderTemplate", "post-discharge-reminder-1",
                                "replyTimeout", "PT24H",
                                "patientId", "p1"));
    }

    private void reply(ProcessInstance instance, String body) {
        runtimeService()
                .createMessageCorrelation("PatientReply")
                .processInstanceId(instance.getId())
                .setVariable("replyBody", body)
                .correlate();
    }

    private static Map<String, Object> triage(String action, String team, String ack) {
        var variables = new java.util.HashMap<String, Object>();
        variables.put("triageAction", action);
        variables.put("handoffTeam", team);
        variables.put("handoffPriority", "urgent".equals(action) ? 90 : 50);
        variables.put("handoffReason", "reason");
        variables.put("ackTemplate", ack);
        return variables;
    }

    @Test
    void sendsTheCheckInAsynchronouslyThenWaitsForAReply() {
        ProcessInstance instance = startCheckIn();

        assertThat(instance).isWaitingAt("sendCheckIn");
        assertThat(job(instance)).hasRetries(5);
        execute(job(instance));

        assertThat(instance).isWaitingAt("waitForReply");
        org.assertj.core.api.Assertions.assertThat(sentTemplates).containsExactly("post-discharge-checkin-1");
    }

    @Test
    void fineReplyIsAcknowledgedAndEndsAsReplied() {
        Mocks.register(
                "triageReplyDelegate", ProcessTestSupport.triageAnswering(triage("continue", null, "ack-continue")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        reply(instance, "I'm fine");
        assertThat(instance).isWaitingAt("sendAcknowledgement").hasPassed("triageReply", "endReplied");
        execute(job(instance));

        assertThat(instance)
                .isEnded()
                .hasPassed("endAcknowledged")
                .variables()
                .containsEntry("checkInOutcome", "replied")
                .containsEntry("replyBody", "I'm fine");
        org.assertj.core.api.Assertions.assertThat(sentTemplates)
                .containsExactly("post-discharge-checkin-1", "ack-continue");
    }

    @Test
    void urgentReplyIsHandedToTheNurseQueueWhileTheAcknowledgementGoesOut() {
        TaskListener listener = mock(TaskListener.class);
        Mocks.register("handoffTaskListener", listener);
        Mocks.register(
                "triageReplyDelegate", ProcessTestSupport.triageAnswering(triage("urgent", "nurse", "ack-emergency")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        reply(instance, "chest pain");

        assertThat(instance).isWaitingAt("handOff", "sendAcknowledgement");
        assertThat(task(instance)).hasCandidateGroup("nurse").hasName("Follow up on reply");
        org.assertj.core.api.Assertions.assertThat(task(instance).getPriority()).isEqualTo(90);
        verify(listener, atLeastOnce()).notify(argThat((DelegateTask t) -> "create".equals(t.getEventName())));

        execute(job(instance));
        complete(task(instance), withVariables("handoffOutcome", "reached-patient"));

        assertThat(instance)
                .isEnded()
                .hasPassed("endHandedOff", "endAcknowledged")
                .variables()
                .containsEntry("checkInOutcome", "handed-off");
        verify(listener, atLeastOnce()).notify(argThat((DelegateTask t) -> "complete".equals(t.getEventName())));
        org.assertj.core.api.Assertions.assertThat(sentTemplates)
                .containsExactly("post-discharge-checkin-1", "ack-emergency");
    }

    @Test
    void questionIsHandedToTheCareCoordinators() {
        Mocks.register(
                "triageReplyDelegate",
                ProcessTestSupport.triageAnswering(triage("routine", "care-coordinator", "ack-routine")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        reply(instance, "when can I shower?");

        assertThat(instance).isWaitingAt("handOff");
        assertThat(task(instance)).hasCandidateGroup("care-coordinator");
    }

    @Test
    void unclearReplyGetsOneQuestionAndTheAnswerIsTriagedAgain() {
        java.util.Iterator<Map<String, Object>> answers = List.of(
                        triage("clarify", "care-coordinator", "clarify"), triage("urgent", "nurse", "ack-urgent"))
                .iterator();
        Mocks.register("triageReplyDelegate", (JavaDelegate) execution -> execution.setVariables(answers.next()));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        reply(instance, "hmm");
        assertThat(instance).isWaitingAt("waitForClarification", "sendAcknowledgement");
        execute(jobQuery().processInstanceId(instance.getId()).messages().singleResult());
        reply(instance, "my leg is hot and red");

        assertThat(instance).isWaitingAt("handOff").hasPassed("waitForClarification");
        assertThat(task(instance)).hasCandidateGroup("nurse");
        execute(jobQuery().processInstanceId(instance.getId()).messages().singleResult());
        org.assertj.core.api.Assertions.assertThat(sentTemplates)
                .containsExactly("post-discharge-checkin-1", "clarify", "ack-urgent");
    }

    @Test
    void unclearReplyWithNoAnswerToTheQuestionGoesToAPerson() {
        Mocks.register(
                "triageReplyDelegate",
                ProcessTestSupport.triageAnswering(triage("clarify", "care-coordinator", "clarify")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));
        reply(instance, "hmm");
        execute(jobQuery().processInstanceId(instance.getId()).messages().singleResult());

        execute(jobQuery().timers().processInstanceId(instance.getId()).singleResult());

        assertThat(instance).isWaitingAt("handOff").hasPassed("clarificationTimedOut");
        assertThat(task(instance)).hasCandidateGroup("care-coordinator");
    }

    @Test
    void stopEndsTheConversationAsOptedOut() {
        Mocks.register(
                "triageReplyDelegate",
                ProcessTestSupport.triageAnswering(triage("opt-out", null, "opt-out-confirmation")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        reply(instance, "STOP");
        execute(job(instance));

        assertThat(instance)
                .isEnded()
                .hasPassed("endOptedOut")
                .variables()
                .containsEntry("checkInOutcome", "opted-out");
        org.assertj.core.api.Assertions.assertThat(sentTemplates)
                .containsExactly("post-discharge-checkin-1", "opt-out-confirmation");
    }

    @Test
    void silenceBringsOneReminderThenACallTaskForTheNurse() {
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        execute(jobQuery().timers().processInstanceId(instance.getId()).singleResult());
        assertThat(instance).hasPassed("replyTimedOut").isWaitingAt("sendReminder");
        execute(job(instance));
        assertThat(instance).isWaitingAt("waitForReplyAfterReminder");

        execute(jobQuery().timers().processInstanceId(instance.getId()).singleResult());
        assertThat(instance).isWaitingAt("callPatient");
        assertThat(task(instance)).hasCandidateGroup("nurse").hasName("Call patient");
        complete(task(instance), withVariables("handoffOutcome", "left-voicemail"));

        assertThat(instance)
                .isEnded()
                .hasPassed("endNoResponse")
                .variables()
                .containsEntry("checkInOutcome", "no-response");
        org.assertj.core.api.Assertions.assertThat(sentTemplates)
                .containsExactly("post-discharge-checkin-1", "post-discharge-reminder-1");
    }

    @Test
    void replyToTheReminderIsTriagedLikeAnyReply() {
        Mocks.register(
                "triageReplyDelegate", ProcessTestSupport.triageAnswering(triage("continue", null, "ack-continue")));
        ProcessInstance instance = startCheckIn();
        execute(job(instance));
        execute(jobQuery().timers().processInstanceId(instance.getId()).singleResult());
        execute(job(instance));

        reply(instance, "all good");
        execute(job(instance));

        assertThat(instance).isEnded().hasPassed("waitForReplyAfterReminder", "triageReply", "endReplied");
    }

    @Test
    void replyOutsideACheckInStartsTriageDirectly() {
        Mocks.register(
                "triageReplyDelegate", ProcessTestSupport.triageAnswering(triage("urgent", "nurse", "ack-urgent")));

        ProcessInstance instance = runtimeService()
                .createMessageCorrelation("UnpromptedReply")
                .processInstanceBusinessKey("post-discharge:p1:e1")
                .setVariable("replyBody", "my legs are swollen")
                .correlateStartMessage();

        assertThat(instance).hasPassed("unpromptedReply", "triageReply").isWaitingAt("handOff", "sendAcknowledgement");
        assertThat(task(instance)).hasCandidateGroup("nurse");
    }

    @Test
    void unclearReplyOutsideACheckInWaitsADayForTheAnswer() {
        Mocks.register(
                "triageReplyDelegate",
                ProcessTestSupport.triageAnswering(triage("clarify", "care-coordinator", "clarify")));

        ProcessInstance instance = runtimeService()
                .createMessageCorrelation("UnpromptedReply")
                .processInstanceBusinessKey("post-discharge:p1:e1")
                .setVariable("replyBody", "hmm")
                .correlateStartMessage();

        assertThat(instance).isWaitingAt("waitForClarification", "sendAcknowledgement");
        java.util.Date due = jobQuery()
                .timers()
                .processInstanceId(instance.getId())
                .singleResult()
                .getDuedate();
        org.assertj.core.api.Assertions.assertThat(due.getTime()
                        - org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()
                                .getTime())
                .isBetween(
                        java.time.Duration.ofHours(23).toMillis(),
                        java.time.Duration.ofHours(25).toMillis());
    }

    @Test
    void aCheckInThePatientMayNotBeSentEndsAsNoConsentWithoutWaiting() {
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> {
            throw new org.camunda.bpm.engine.delegate.BpmnError(ProcessErrors.NO_CONSENT);
        });
        ProcessInstance instance = startCheckIn();
        execute(job(instance));

        assertThat(instance)
                .isEnded()
                .hasPassed("noConsentFound", "noConsentEnd")
                .hasNotPassed("waitForReply")
                .variables()
                .containsEntry("checkInOutcome", "no-consent");
    }
}
