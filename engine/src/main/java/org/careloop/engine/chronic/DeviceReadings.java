package org.careloop.engine.chronic;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.handoff.OpenHandoffs;
import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.fhir.security.CareLoopRecords;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.chronic.Reading;
import org.careloop.rules.chronic.ReadingThresholds;
import org.careloop.rules.triage.HandoffPriority;
import org.careloop.rules.triage.Team;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readings from remote-monitoring devices: an Observation of glucose, blood pressure or body weight that a device
 * feed (not CareLoop) writes for a patient in a chronic check-in is judged by the same thresholds as a reported one,
 * and an alert goes to the nurses as a handoff of its own. No message goes to the patient.
 */
@Configuration(proxyBeanMethods = false)
class DeviceReadings {

    private static final Logger log = LoggerFactory.getLogger(DeviceReadings.class);

    /** A device's Observation was written. */
    @OutboxEvent.Kind(value = "device-reading", lane = Lane.ENROLMENT)
    record DeviceReadingWritten(String observationId, String patientId) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return patientId == null ? null : "patient/" + patientId;
        }
    }

    /** The kind of reading an Observation holds, by its LOINC code, or null. */
    static String kindOf(Observation observation) {
        return observation.getCode().getCoding().stream()
                .filter(c -> FhirRecords.LOINC.equals(c.getSystem()))
                .map(c -> switch (c.getCode()) {
                    case "2339-0", "15074-8", "2345-7" -> "glucose";
                    case "85354-9", "55284-4" -> "blood-pressure";
                    case "29463-7", "3141-9" -> "weight";
                    default -> null;
                })
                .filter(k -> k != null)
                .findFirst()
                .orElse(null);
    }

    static Optional<Reading> readingOf(Observation observation) {
        String kind = kindOf(observation);
        if (kind == null) {
            return Optional.empty();
        }
        if ("blood-pressure".equals(kind)) {
            Double systolic = component(observation, "8480-6");
            Double diastolic = component(observation, "8462-4");
            return systolic == null || diastolic == null
                    ? Optional.empty()
                    : Optional.of(new Reading(kind, systolic, diastolic, "mm[Hg]"));
        }
        if (!observation.hasValueQuantity()) {
            return Optional.empty();
        }
        var quantity = observation.getValueQuantity();
        String unit = "weight".equals(kind) ? ("kg".equals(quantity.getCode()) ? "kg" : "lb") : "mg/dL";
        return Optional.of(new Reading(kind, quantity.getValue().doubleValue(), 0, unit));
    }

    private static Double component(Observation observation, String loinc) {
        return observation.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream().anyMatch(x -> loinc.equals(x.getCode())))
                .filter(c -> c.hasValueQuantity())
                .map(c -> c.getValueQuantity().getValue().doubleValue())
                .findFirst()
                .orElse(null);
    }

    @Bean
    FhirWriteEvents deviceReadingWrites() {
        return written -> {
            if (!(written instanceof Observation observation)
                    || CareLoopRecords.isMarked(observation)
                    || kindOf(observation) == null
                    || !observation.getSubject().hasReferenceElement()) {
                return null;
            }
            return new DeviceReadingWritten(
                    observation.getIdElement().getIdPart(),
                    observation.getSubject().getReferenceElement().getIdPart());
        };
    }

    @Bean
    OutboxHandler<DeviceReadingWritten> deviceReadingHandler(
            DaoRegistry daos,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            ReadingThresholds thresholds,
            WeightHistory weights,
            RuntimeService runtime,
            Clock clock,
            org.careloop.engine.departments.Departments departments,
            org.careloop.engine.fhir.PatientDirectory patients) {
        return new OutboxHandler<>() {
            @Override
            public Class<DeviceReadingWritten> eventType() {
                return DeviceReadingWritten.class;
            }

            @Override
            public void handle(DeviceReadingWritten event) {
                List<Map<String, Object>> enrolments = jdbc.queryForList(
                        "select id, program from enrolment where active_patient_id = ? and program like 'chronic-%'",
                        event.patientId());
                if (enrolments.isEmpty()) {
                    return;
                }
                Observation observation;
                try {
                    observation = daos.getResourceDao(Observation.class)
                            .read(new IdType("Observation", event.observationId()), new SystemRequestDetails());
                } catch (ResourceNotFoundException | ResourceGoneException gone) {
                    return;
                }
                Optional<Reading> reading = readingOf(observation);
                if (reading.isEmpty()) {
                    return;
                }
                Instant at = clock.instant();
                ReadingThresholds.Verdict verdict = weights.judge(
                        thresholds,
                        event.patientId(),
                        reading.get(),
                        at,
                        departments
                                .of(patients.find(event.patientId()).orElse(null))
                                .id());
                if (!verdict.alert()) {
                    return;
                }
                Map<String, Object> enrolment = enrolments.get(0);
                runtime.startProcessInstanceByKey(
                        OpenHandoffs.PROCESS_KEY,
                        "device:" + event.observationId(),
                        Variables.createVariables()
                                .putValue(ProcessVariables.HANDOFF_TEAM, Team.NURSE.group())
                                .putValue(
                                        ProcessVariables.HANDOFF_PRIORITY,
                                        "emergency".equals(verdict.severity())
                                                ? HandoffPriority.EMERGENCY
                                                : HandoffPriority.URGENT)
                                .putValue(
                                        ProcessVariables.HANDOFF_REASON,
                                        "Device reading: " + verdict.reason() + " (Observation/" + event.observationId()
                                                + ")")
                                .putValue(ProcessVariables.PATIENT_ID, event.patientId())
                                .putValue(ProcessVariables.ENROLMENT_ID, enrolment.get("id"))
                                .putValue(ProcessVariables.PROGRAM, enrolment.get("program")));
                log.info("Device reading {} crossed a threshold; a nurse was given a handoff", event.observationId());
            }
        };
    }
}
