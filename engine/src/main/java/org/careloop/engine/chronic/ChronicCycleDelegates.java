package org.careloop.engine.chronic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** BPMN delegates of a chronic check-in cycle: a missed check-in, the next cycle, and the program's end. */
@Configuration(proxyBeanMethods = false)
class ChronicCycleDelegates {

    /** Counts a check-in with no reply; the count of misses in a row decides whether a coordinator calls. */
    @Bean(ProcessBeans.CHRONIC_MISSED)
    JavaDelegate chronicMissedDelegate(@Qualifier("engineJdbc") JdbcTemplate jdbc) {
        return execution -> {
            Object enrolmentId = execution.getVariable(ProcessVariables.ENROLMENT_ID);
            jdbc.update(
                    "update enrolment set asked = asked + 1, missed_in_row = missed_in_row + 1 where id = ?",
                    enrolmentId);
            execution.setVariable(
                    ProcessVariables.MISSED_IN_ROW,
                    jdbc.queryForObject(
                            "select missed_in_row from enrolment where id = ?", Integer.class, enrolmentId));
        };
    }

    /**
     * Starts the next cycle, due one cadence after this one (or now, when that has passed), unless the program
     * ended meanwhile. Async before: it retries as a job.
     */
    @Bean(ProcessBeans.CHRONIC_NEXT_CYCLE)
    JavaDelegate chronicNextCycleDelegate(
            @Qualifier("engineJdbc") JdbcTemplate jdbc, ChronicEnrolments enrolments, Clock clock) {
        return execution -> {
            String enrolmentId = (String) execution.getVariable(ProcessVariables.ENROLMENT_ID);
            List<Map<String, Object>> running = jdbc.queryForList(
                    "select id from enrolment where id = ? and active_patient_id is not null for update", enrolmentId);
            if (running.isEmpty()) {
                return;
            }
            String cadence = (String) execution.getVariable(ProcessVariables.CADENCE);
            Instant due = Instant.parse((String) execution.getVariable(ProcessVariables.CYCLE_DUE))
                    .plus(Duration.parse(cadence));
            Instant now = clock.instant();
            String next = enrolments.startCycle(
                    enrolmentId,
                    (String) execution.getVariable(ProcessVariables.PROGRAM),
                    (String) execution.getVariable(ProcessVariables.PATIENT_ID),
                    (String) execution.getVariable(ProcessVariables.MEASURE),
                    cadence,
                    due.isBefore(now) ? now : due);
            jdbc.update("update enrolment set process_instance_id = ? where id = ?", next, enrolmentId);
        };
    }

    /** Ends the program with the outcome the model names (e.g. opted-out); FHIR follows after the commit. */
    @Bean(ProcessBeans.CHRONIC_END)
    JavaDelegate chronicEndDelegate(ChronicEnrolments enrolments) {
        return execution -> {
            String enrolmentId = (String) execution.getVariable(ProcessVariables.ENROLMENT_ID);
            enrolments.close(enrolmentId, (String) execution.getVariable(ProcessVariables.PROGRAM_OUTCOME));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enrolments.recordEnd(enrolmentId);
                }
            });
        };
    }
}
