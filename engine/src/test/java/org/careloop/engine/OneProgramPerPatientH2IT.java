package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One post-discharge program per patient at a time: the same stay written twice under two ids enrols once; a newer
 * stay ends the earlier program (readmitted, or superseded outside the readmission window) before its own starts,
 * cancels what the earlier one had queued, and carries an open follow-up over to the care team instead of dropping
 * it.
 */
class OneProgramPerPatientH2IT extends H2StackTest {

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private static String mobile() {
        return TestNumbers.unused("+1617555");
    }

    /** A finished inpatient stay written by the EHR over FHIR's REST API. */
    private String discharge(String patientId, Instant admitted, Instant discharged) {
        Encounter stay = new Encounter();
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new Reference("Patient/" + patientId));
        stay.setPeriod(new Period().setStart(Date.from(admitted)).setEnd(Date.from(discharged)));
        return fhirAs("ehr").create().resource(stay).execute().getId().getIdPart();
    }

    private List<String> activePrograms(String patientId) {
        return engineDb.queryForList(
                "select id from enrolment where active_patient_id = ? and program = 'post-discharge'",
                String.class,
                patientId);
    }

    private long runningPrograms(String patientId) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey("program-post-discharge")
                .variableValueEquals("patientId", patientId)
                .count();
    }

    @Test
    void theSameDischargeUnderTwoIdsRunsOneProgramAndSendsOneMessagePerStep() throws Exception {
        String patientId = patient(mobile(), "en", p -> {});
        Instant discharged = ClockUtil.now().toInstant().minus(Duration.ofHours(3));
        Instant admitted = discharged.minus(Duration.ofDays(2));

        String first = discharge(patientId, admitted, discharged);
        Thread.sleep(1000);
        String second = discharge(patientId, admitted, discharged);
        awaitOutboxDrained();

        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + first);
        assertThat(runningPrograms(patientId)).isEqualTo(1);
        assertThat(engineDb.queryForList(
                        "select reason from enrolment_decision where encounter_id = ?", String.class, second))
                .containsExactly("Already in the program for this stay or a later one");

        ProcessInstance program = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("post-discharge:" + first)
                .singleResult();
        firstCheckIn(program);
        awaitOutboxDrained();
        assertThat(engineDb.queryForList(
                        "select template_id from outbound_message where patient_id = ?", String.class, patientId))
                .containsExactly("post-discharge-checkin-1");
    }

    @Test
    void aReadmissionEndsTheEarlierProgramAndCarriesItsOpenFollowUpOver() {
        String mobile = mobile();
        String patientId = patient(mobile, "en", p -> {});
        Instant now = ClockUtil.now().toInstant();
        String firstStay = discharge(patientId, now.minus(Duration.ofDays(5)), now.minus(Duration.ofHours(30)));
        ProcessInstance earlier = awaitProgram(firstStay);
        // discharged 30 hours ago: the first check-in is already due and goes out by itself
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? and status = 'SENT'",
                                Integer.class,
                                patientId)
                        == 1);
        awaitOutboxDrained();
        String chestPainSid = newMessageSid();
        assertThat(signedSms(incomingSms(chestPainSid, mobile, "I have chest pain"))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("post-discharge:" + firstStay)
                                .count()
                        == 1);
        org.camunda.bpm.engine.task.Task openTask = tasks.createTaskQuery()
                .processInstanceBusinessKey("post-discharge:" + firstStay)
                .singleResult();
        claim(openTask.getId(), "nurse");
        // the reply as stored (a task's variables read while the acknowledgement beside it ends may come back empty)
        String reply = engineDb.queryForObject(
                "select id from inbound_message where provider_sid = ?", String.class, chestPainSid);
        awaitOutboxDrained();
        // a message of the earlier program still waiting for its turn
        engineDb.update(
                "insert into outbound_message (id, patient_id, enrolment_id, program, channel, to_number, to_index, "
                        + "template_id, body, status, created_at, updated_at) values (?, ?, ?, 'post-discharge', "
                        + "'sms', ?, ?, 'post-discharge-reminder-1', 'reminder', 'QUEUED', ?, ?)",
                "queued-" + firstStay,
                patientId,
                "post-discharge-" + firstStay,
                cipher.seal(mobile, org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                cipher.index(mobile),
                java.sql.Timestamp.from(now),
                java.sql.Timestamp.from(now));

        String secondStay = discharge(patientId, now.minus(Duration.ofHours(20)), now.minus(Duration.ofHours(2)));
        ProcessInstance later = awaitProgram(secondStay);
        awaitOutboxDrained();

        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(earlier.getId())
                        .count())
                .isZero();
        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + secondStay);
        assertThat(runningPrograms(patientId)).isEqualTo(1);
        assertThat(engineDb.queryForObject(
                        "select outcome from enrolment where id = ?", String.class, "post-discharge-" + firstStay))
                .isEqualTo("readmitted");
        assertThat(engineDb.queryForObject(
                        "select status from outbound_message where id = ?", String.class, "queued-" + firstStay))
                .isEqualTo("CANCELLED");
        // the nurse keeps the chest-pain follow-up: same team, same priority, still hers, reason says why it moved
        org.camunda.bpm.engine.task.Task carried = tasks.createTaskQuery()
                .processDefinitionKey("careloop-handoff")
                .processVariableValueEquals("patientId", patientId)
                .singleResult();
        assertThat(carried.getAssignee()).isEqualTo("nurse");
        assertThat(carried.getPriority()).isEqualTo(openTask.getPriority());
        assertThat(tasks.getVariable(carried.getId(), "handoffTeam")).isEqualTo("nurse");
        assertThat((String) tasks.getVariable(carried.getId(), "handoffReason"))
                .contains("readmitted")
                .contains("carried over");
        assertThat(tasks.getVariable(carried.getId(), "replyMessageId"))
                .isNotNull()
                .isEqualTo(reply);
        assertThat(later.getBusinessKey()).isEqualTo("post-discharge:" + secondStay);
        // FHIR: the earlier plan revoked with its outcome, the old Task cancelled, the carried-over one open
        var system = new SystemRequestDetails();
        assertThat(daos.getResourceDao(CarePlan.class)
                        .read(new IdType("CarePlan", "enrolment-post-discharge-" + firstStay), system)
                        .getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(daos.getResourceDao(Communication.class)
                        .read(new IdType("Communication", "outcome-post-discharge-" + firstStay), system)
                        .getReasonCodeFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("readmitted");
        assertThat(daos.getResourceDao(org.hl7.fhir.r4.model.Task.class)
                        .read(new IdType("Task", "handoff-" + openTask.getId()), system)
                        .getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Task.TaskStatus.CANCELLED);
        assertThat(daos.getResourceDao(org.hl7.fhir.r4.model.Task.class)
                        .read(new IdType("Task", "handoff-" + carried.getId()), system)
                        .getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED);
    }

    @Test
    void aNewStayOutsideTheReadmissionWindowSupersedesTheEarlierProgram() {
        String patientId = patient(mobile(), "en", p -> {});
        Instant now = ClockUtil.now().toInstant();
        // the earlier stay, enrolled 40 days ago by the engine's own clock
        ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(40))));
        Instant then = ClockUtil.now().toInstant();
        String firstStay = discharge(patientId, then.minus(Duration.ofDays(3)), then.minus(Duration.ofHours(2)));
        awaitProgram(firstStay);
        awaitOutboxDrained();
        ClockUtil.reset();

        String secondStay = discharge(patientId, now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(2)));
        awaitProgram(secondStay);
        awaitOutboxDrained();

        assertThat(engineDb.queryForObject(
                        "select outcome from enrolment where id = ?", String.class, "post-discharge-" + firstStay))
                .isEqualTo("superseded");
        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + secondStay);
    }

    @Test
    void anOlderStayArrivingLateLeavesTheRunningProgramAlone() {
        String patientId = patient(mobile(), "en", p -> {});
        Instant now = ClockUtil.now().toInstant();
        String newer = discharge(patientId, now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(2)));
        awaitProgram(newer);

        String older = discharge(patientId, now.minus(Duration.ofDays(4)), now.minus(Duration.ofHours(30)));
        awaitOutboxDrained();

        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + newer);
        assertThat(engineDb.queryForList(
                        "select reason from enrolment_decision where encounter_id = ?", String.class, older))
                .containsExactly("Already in the program for this stay or a later one");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.careloop.engine.programs.DischargeSweep sweep;

    @org.springframework.beans.factory.annotation.Autowired
    private ca.uhn.fhir.interceptor.api.IInterceptorService fhirInterceptors;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext context;

    /** A finished stay written with FHIR's write listener off: no enrolment trigger reaches the outbox. */
    private String dischargeWithoutTrigger(String patientId, Instant admitted, Instant discharged) {
        Object writeListener = context.getBean(org.careloop.engine.fhir.FhirWriteListener.class);
        fhirInterceptors.unregisterInterceptor(writeListener);
        try {
            return discharge(patientId, admitted, discharged);
        } finally {
            fhirInterceptors.registerInterceptor(writeListener);
        }
    }

    @Test
    void aDischargeWhoseTriggerWasLostIsFoundByTheSweepAndDecidedOnce() {
        String patientId = patient(mobile(), "en", p -> {});
        Instant now = ClockUtil.now().toInstant();
        // as if the node died between the FHIR commit and the outbox: the stay is written with no trigger
        String lost = dischargeWithoutTrigger(patientId, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(2)));
        awaitOutboxDrained();
        assertThat(activePrograms(patientId)).isEmpty();

        // the sweep looks only at stays that have settled (their own trigger would have arrived by then)
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(5))));
        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);
        awaitOutboxDrained();
        ClockUtil.reset();

        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + lost);
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment_decision where encounter_id = ?", Integer.class, lost))
                .isEqualTo(1);
        // a second sweep finds nothing left to decide for it
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(6))));
        sweep.sweep();
        awaitOutboxDrained();
        ClockUtil.reset();
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment_decision where encounter_id = ?", Integer.class, lost))
                .isEqualTo(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.careloop.engine.outbox.Outbox outbox;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("engineTransactions")
    private org.springframework.transaction.support.TransactionTemplate engineTransactions;

    @Test
    void aDischargeStillWaitingForItsDecisionIsNotHandedToItAgainByTheSweep() {
        String patientId = patient(mobile(), "en", p -> {});
        Instant now = ClockUtil.now().toInstant();
        String waiting =
                dischargeWithoutTrigger(patientId, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(2)));
        // its trigger is in the outbox behind a backlog: not due for another hour
        engineTransactions.executeWithoutResult(tx -> outbox.enqueue(
                new org.careloop.engine.programs.EncounterWritten(waiting, patientId), now.plus(Duration.ofHours(1))));

        // the stay has settled, but its decision is only late, not lost
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(5))));
        sweep.sweep();
        ClockUtil.reset();
        assertThat(engineDb.queryForObject(
                        "select count(*) from outbox_event where ordering_key = ? and kind = 'encounter-written'",
                        Integer.class,
                        "patient/" + patientId))
                .isEqualTo(1);

        // its own trigger, when its turn comes, decides it once
        engineDb.update(
                "update outbox_event set next_attempt_at = ? where ordering_key = ? and kind = 'encounter-written'",
                java.sql.Timestamp.from(now),
                "patient/" + patientId);
        awaitOutboxDrained();
        assertThat(activePrograms(patientId)).containsExactly("post-discharge-" + waiting);
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment_decision where encounter_id = ?", Integer.class, waiting))
                .isEqualTo(1);
    }

    private ProcessInstance awaitProgram(String encounterId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey("post-discharge:" + encounterId)
                                .processDefinitionKey("program-post-discharge")
                                .count()
                        == 1);
        return runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("post-discharge:" + encounterId)
                .processDefinitionKey("program-post-discharge")
                .singleResult();
    }
}
