package org.careloop.engine.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Date;
import org.careloop.fhir.security.CareLoopRecords;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * Writes engagement outcomes to the bundled FHIR server. Every write is an update with an id derived from
 * the engine's own id, so a retried write changes nothing twice; subscribed EHRs are notified by HAPI.
 */
@Component
public class FhirRecords {

    public static final String PROGRAM_SYSTEM = "https://careloop.org/fhir/CodeSystem/care-program";
    public static final String OUTCOME_SYSTEM = "https://careloop.org/fhir/CodeSystem/engagement-outcome";
    public static final String MESSAGE_ID_SYSTEM = "https://careloop.org/fhir/sid/message";
    public static final String PROVIDER_SID_SYSTEM = "https://careloop.org/fhir/sid/provider-message";
    public static final String TASK_ID_SYSTEM = "https://careloop.org/fhir/sid/camunda-task";
    private static final String PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";
    private static final String COMMUNICATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

    private final DaoRegistry daos;
    private final ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService transactions;

    @jakarta.persistence.PersistenceContext
    private jakarta.persistence.EntityManager entityManager;

    FhirRecords(DaoRegistry daos, ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService transactions) {
        this.daos = daos;
        this.transactions = transactions;
    }

    /** Writes one of CareLoop's own records, marked as such, by its id (an update: a retry changes nothing twice). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void save(org.hl7.fhir.r4.model.Resource resource) {
        ((ca.uhn.fhir.jpa.api.dao.IFhirResourceDao) daos.getResourceDao(resource.getClass()))
                .update(CareLoopRecords.mark(resource), new SystemRequestDetails());
    }

    /**
     * Writes CareLoop's own records, each marked as such and by its id, in one database transaction: all of them, or
     * none. Each is an update of its own rather than an entry of a FHIR transaction bundle: a bundle first looks up
     * all its ids in one query, an OR of one condition per id, which the embedded database answers by reading every
     * resource in the server (no index serves an OR), so its cost grew with the server's size; one update finds its
     * id by the index. Each update is flushed and let go before the next, so the batch costs what its updates cost.
     */
    public void saveAll(java.util.List<? extends org.hl7.fhir.r4.model.Resource> resources) {
        if (resources.size() == 1) {
            save(resources.get(0));
        } else if (!resources.isEmpty()) {
            writeTogether(resources, this::save);
        }
    }

    /**
     * Writes records that are new, with ids made when they were (audit entries), as {@link #saveAll} does, but tells
     * HAPI that no resource has their ids, so it does not look each one up before its insert. Should one exist after
     * all (the same batch written again after its commit), the insert of its id is refused and nothing of the batch
     * is kept: the caller writes it again with {@link #saveAll}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void saveAllNew(java.util.List<? extends org.hl7.fhir.r4.model.Resource> resources) {
        if (resources.isEmpty()) {
            return;
        }
        ca.uhn.fhir.rest.api.server.storage.TransactionDetails known =
                new ca.uhn.fhir.rest.api.server.storage.TransactionDetails();
        for (org.hl7.fhir.r4.model.Resource resource : resources) {
            // known to be absent: HAPI creates it without asking the database for its id
            known.addResolvedResourceId(
                    new org.hl7.fhir.r4.model.IdType(resource.fhirType(), resource.getIdPart()), null);
        }
        writeTogether(
                resources,
                resource -> ((ca.uhn.fhir.jpa.api.dao.IFhirResourceDao) daos.getResourceDao(resource.getClass()))
                        .update(CareLoopRecords.mark(resource), null, true, false, new SystemRequestDetails(), known));
    }

    /** Writes each record in one database transaction: all of them, or none. */
    private void writeTogether(
            java.util.List<? extends org.hl7.fhir.r4.model.Resource> resources,
            java.util.function.Consumer<org.hl7.fhir.r4.model.Resource> write) {
        transactions.withSystemRequest().execute(() -> {
            for (org.hl7.fhir.r4.model.Resource resource : resources) {
                write.accept(resource);
                // written to the database within the transaction, and let go: otherwise every later query of the
                // batch checks every entity written before it for changes (each update asks for its id)
                entityManager.flush();
                entityManager.clear();
            }
        });
    }

    public static String carePlanId(String enrolmentId) {
        return "enrolment-" + enrolmentId;
    }

    public void recordMessage(MessageRecord message) {
        daos.getResourceDao(Communication.class).update(communicationOf(message), new SystemRequestDetails());
    }

    /** Writes several messages' Communications in one transaction: all of them, or none. */
    public void recordMessages(java.util.List<MessageRecord> messages) {
        saveAll(messages.stream().map(this::communicationOf).toList());
    }

    private Communication communicationOf(MessageRecord message) {
        Communication communication = new Communication();
        communication.setId(MessageRecord.communicationId(message.id(), message.outbound()));
        communication.addIdentifier(
                new Identifier().setSystem(MESSAGE_ID_SYSTEM).setValue(message.id()));
        if (message.providerSid() != null) {
            communication.addIdentifier(
                    new Identifier().setSystem(PROVIDER_SID_SYSTEM).setValue(message.providerSid()));
        }
        communication.setStatus(Communication.CommunicationStatus.fromCode(message.status()));
        if (message.statusReason() != null) {
            communication.setStatusReason(new CodeableConcept().setText(message.statusReason()));
        }
        Reference patient = new Reference("Patient/" + message.patientId());
        communication.setSubject(patient);
        if (message.outbound()) {
            communication.addRecipient(patient);
            communication.setSent(Date.from(message.at()));
            communication.addCategory(
                    new CodeableConcept(new Coding(COMMUNICATION_CATEGORY, "notification", "Notification")));
        } else {
            communication.setSender(patient);
            communication.setReceived(Date.from(message.at()));
        }
        communication.addMedium(medium(message.channel()));
        if (message.program() != null) {
            communication.setTopic(new CodeableConcept(new Coding(PROGRAM_SYSTEM, message.program(), null)));
        }
        if (message.enrolmentId() != null) {
            communication.addBasedOn(new Reference("CarePlan/" + carePlanId(message.enrolmentId())));
        }
        if (message.encounterId() != null) {
            communication.addAbout(new Reference("Encounter/" + message.encounterId()));
        }
        if (message.inResponseTo() != null) {
            communication.addInResponseTo(
                    new Reference("Communication/" + MessageRecord.communicationId(message.inResponseTo(), true)));
        }
        communication.addPayload().setContent(new StringType(message.body()));
        return CareLoopRecords.mark(communication);
    }

    /** Whether the enrolment's CarePlan is in the store (and not deleted). */
    public boolean carePlanExists(String enrolmentId) {
        try {
            daos.getResourceDao(CarePlan.class)
                    .read(
                            new org.hl7.fhir.r4.model.IdType("CarePlan", carePlanId(enrolmentId)),
                            new SystemRequestDetails());
            return true;
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
            return false;
        }
    }

    public void recordEnrolment(
            String enrolmentId,
            String program,
            String title,
            String patientId,
            String encounterId,
            java.time.Instant start,
            CarePlan.CarePlanStatus status,
            java.time.Instant end) {
        recordCarePlan(enrolmentId, program, title, patientId, "Encounter/" + encounterId, start, status, end);
    }

    /**
     * The enrolment's CarePlan. Idempotent.
     *
     * @param supportingInfo what the plan was started for: {@code Encounter/<id>} (a stay) or {@code
     *     Condition/<id>} (a chronic condition)
     */
    public void recordCarePlan(
            String enrolmentId,
            String program,
            String title,
            String patientId,
            String supportingInfo,
            java.time.Instant start,
            CarePlan.CarePlanStatus status,
            java.time.Instant end) {
        CarePlan plan = new CarePlan();
        plan.setId(carePlanId(enrolmentId));
        plan.addIdentifier(new Identifier()
                .setSystem("https://careloop.org/fhir/sid/enrolment")
                .setValue(enrolmentId));
        plan.setStatus(status);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setTitle(title);
        plan.addCategory(new CodeableConcept(new Coding(PROGRAM_SYSTEM, program, title)));
        plan.setSubject(new Reference("Patient/" + patientId));
        plan.addSupportingInfo(new Reference(supportingInfo));
        Period period = new Period().setStart(Date.from(start));
        if (end != null) {
            period.setEnd(Date.from(end));
        }
        plan.setPeriod(period);
        save(plan);
    }

    public void recordProgramOutcome(
            String enrolmentId,
            String program,
            String patientId,
            String encounterId,
            String outcome,
            String summary,
            java.time.Instant at) {
        Communication communication =
                outcomeCommunication("outcome-" + enrolmentId, patientId, program, outcome, summary, at);
        communication.addBasedOn(new Reference("CarePlan/" + carePlanId(enrolmentId)));
        communication.addPartOf(new Reference("CarePlan/" + carePlanId(enrolmentId)));
        if (encounterId != null) {
            communication.addAbout(new Reference("Encounter/" + encounterId));
        }
        save(communication);
    }

    public static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /**
     * A reading a patient reported in a reply, as a FHIR Observation with its LOINC code and UCUM unit: glucose
     * (2339-0, mg/dL), blood pressure (85354-9 with systolic 8480-6 and diastolic 8462-4, mm[Hg]) or body weight
     * (29463-7, [lb_av] or kg). Idempotent per reply.
     */
    public void recordReading(
            String replyMessageId,
            String patientId,
            String kind,
            double value,
            double second,
            String unit,
            java.time.Instant at) {
        org.hl7.fhir.r4.model.Observation reading = new org.hl7.fhir.r4.model.Observation();
        reading.setId("reading-" + replyMessageId);
        reading.addIdentifier(new Identifier().setSystem(MESSAGE_ID_SYSTEM).setValue(replyMessageId));
        reading.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        reading.setSubject(new Reference("Patient/" + patientId));
        reading.addPerformer(new Reference("Patient/" + patientId));
        reading.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(at)));
        reading.addNote().setText("Reported by the patient in a reply to a CareLoop check-in");
        switch (kind) {
            case "glucose" -> {
                reading.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
                reading.setCode(new CodeableConcept(new Coding(LOINC, "2339-0", "Glucose [Mass/volume] in Blood")));
                reading.setValue(quantity(value, "mg/dL"));
            }
            case "blood-pressure" -> {
                reading.addCategory(
                        new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")));
                reading.setCode(new CodeableConcept(
                        new Coding(LOINC, "85354-9", "Blood pressure panel with all children optional")));
                reading.addComponent()
                        .setCode(new CodeableConcept(new Coding(LOINC, "8480-6", "Systolic blood pressure")))
                        .setValue(quantity(value, "mm[Hg]"));
                reading.addComponent()
                        .setCode(new CodeableConcept(new Coding(LOINC, "8462-4", "Diastolic blood pressure")))
                        .setValue(quantity(second, "mm[Hg]"));
            }
            case "weight" -> {
                reading.addCategory(
                        new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")));
                reading.setCode(new CodeableConcept(new Coding(LOINC, "29463-7", "Body weight")));
                reading.setValue(quantity(value, "kg".equals(unit) ? "kg" : "[lb_av]"));
            }
            default -> throw new IllegalArgumentException("No Observation for a reading of " + kind);
        }
        save(reading);
    }

    private static org.hl7.fhir.r4.model.Quantity quantity(double value, String ucum) {
        return new org.hl7.fhir.r4.model.Quantity()
                .setValue(java.math.BigDecimal.valueOf(value))
                .setUnit(ucum)
                .setSystem(UCUM)
                .setCode(ucum);
    }

    /**
     * The outcome of an appointment's reminders, as a Communication about the Appointment (or, for a preparation that
     * only ever had an order, about the ServiceRequest). Idempotent.
     *
     * @param key   the reminders' key: the appointment's id, or {@code sr-<order id>}
     * @param about {@code Appointment/<id>} or {@code ServiceRequest/<id>}
     */
    public void recordAppointmentOutcome(
            String key,
            String about,
            String patientId,
            String program,
            String outcome,
            String summary,
            java.time.Instant at) {
        Communication communication =
                outcomeCommunication("outcome-appointment-" + key, patientId, program, outcome, summary, at);
        communication.addAbout(new Reference(about));
        save(communication);
    }

    /** The outcome of one care-gap invitation, as a Communication about the patient. Idempotent. */
    public void recordCareGapOutcome(
            String engagementId,
            String patientId,
            String program,
            String gap,
            String outcome,
            String summary,
            java.time.Instant at) {
        Communication communication =
                outcomeCommunication("outcome-care-gap-" + engagementId, patientId, program, outcome, summary, at);
        communication.addReasonCode(new CodeableConcept(new Coding(OUTCOME_SYSTEM, "care-gap-" + gap, gap)));
        save(communication);
    }

    /** A program's outcome: a completed Communication about the patient, coded and summed up in words. */
    private static Communication outcomeCommunication(
            String id, String patientId, String program, String outcome, String summary, java.time.Instant at) {
        Communication communication = new Communication();
        communication.setId(id);
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.setSubject(new Reference("Patient/" + patientId));
        communication.setSent(Date.from(at));
        communication.addCategory(
                new CodeableConcept(new Coding(OUTCOME_SYSTEM, "program-outcome", "Program outcome")));
        communication.setTopic(new CodeableConcept(new Coding(PROGRAM_SYSTEM, program, null)));
        communication.addReasonCode(new CodeableConcept(new Coding(OUTCOME_SYSTEM, outcome, summary)));
        communication.addPayload().setContent(new StringType(summary));
        return communication;
    }

    public void recordHandoff(HandoffSnapshot handoff) {
        recordHandoff(handoff, java.util.List.of());
    }

    /** The handoff as a FHIR Task, with every change people made to it as its notes (author, time, what). */
    public void recordHandoff(HandoffSnapshot handoff, java.util.List<HandoffNote> notes) {
        Task task = new Task();
        task.setId("handoff-" + handoff.taskId());
        task.addIdentifier(new Identifier().setSystem(TASK_ID_SYSTEM).setValue(handoff.taskId()));
        task.setStatus(Task.TaskStatus.fromCode(handoff.status()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setPriority(
                switch (org.careloop.rules.triage.HandoffPriority.urgency(handoff.priority())) {
                    case CRISIS, EMERGENCY -> Task.TaskPriority.STAT;
                    case URGENT -> Task.TaskPriority.URGENT;
                    default -> Task.TaskPriority.ROUTINE;
                });
        task.setCode(new CodeableConcept().setText(handoff.name()));
        task.setDescription(handoff.reason());
        if (handoff.patientId() != null) {
            // a model deployed by an analyst may ask a person to act with no patient in its variables
            task.setFor(new Reference("Patient/" + handoff.patientId()));
        }
        if (handoff.enrolmentId() != null) {
            task.addBasedOn(new Reference("CarePlan/" + carePlanId(handoff.enrolmentId())));
        }
        if (handoff.replyMessageId() != null) {
            task.setFocus(
                    new Reference("Communication/" + MessageRecord.communicationId(handoff.replyMessageId(), false)));
        }
        task.addPerformerType(new CodeableConcept().setText(handoff.team()));
        if (handoff.owner() != null) {
            task.setOwner(new Reference().setDisplay(handoff.owner()));
        }
        task.setAuthoredOn(Date.from(handoff.authoredOn()));
        task.setLastModified(Date.from(handoff.lastModified()));
        if (handoff.outcome() != null) {
            task.setBusinessStatus(new CodeableConcept(new Coding(OUTCOME_SYSTEM, handoff.outcome(), null)));
            task.addOutput()
                    .setType(new CodeableConcept().setText("outcome"))
                    .setValue(new StringType(handoff.outcome()));
        }
        for (HandoffNote note : notes) {
            task.addNote(new org.hl7.fhir.r4.model.Annotation()
                    .setAuthor(new Reference().setDisplay(note.author()))
                    .setTime(Date.from(note.at()))
                    .setText(note.text()));
        }
        save(task);
    }

    /**
     * Records one call of the AI gateway as a FHIR Provenance: what it was for (the handoff Task), the reply it read,
     * the model, the redacted text sent, and the process or user that caused it.
     */
    public void recordAiCall(
            String callId,
            String taskId,
            String replyMessageId,
            String model,
            String redactedInput,
            String cause,
            java.time.Instant at) {
        org.hl7.fhir.r4.model.Provenance provenance = new org.hl7.fhir.r4.model.Provenance();
        provenance.setId("ai-" + callId);
        provenance.addTarget(new Reference("Task/handoff-" + taskId));
        provenance.setRecorded(Date.from(at));
        provenance.setActivity(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create"))
                .setText("Summary and suggested route for staff, by a language model, from redacted text"));
        provenance
                .addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
                .setWho(new Reference().setDisplay("language model " + model));
        provenance
                .addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "enterer", "Enterer")))
                .setWho(new Reference().setDisplay(cause));
        if (replyMessageId != null) {
            provenance
                    .addEntity()
                    .setRole(org.hl7.fhir.r4.model.Provenance.ProvenanceEntityRole.SOURCE)
                    .setWhat(new Reference("Communication/" + MessageRecord.communicationId(replyMessageId, false)));
        }
        provenance.addExtension(AI_INPUT_EXTENSION, new StringType(redactedInput));
        provenance.addExtension(AI_MODEL_EXTENSION, new StringType(model));
        save(provenance);
    }

    public static final String AI_INPUT_EXTENSION = "https://careloop.org/fhir/StructureDefinition/ai-redacted-input";
    public static final String AI_MODEL_EXTENSION = "https://careloop.org/fhir/StructureDefinition/ai-model";

    public static CodeableConcept medium(String channel) {
        return switch (channel) {
            case "sms" -> new CodeableConcept(new Coding(PARTICIPATION_MODE, "SMSWRIT", "SMS message"));
            case "email" -> new CodeableConcept(new Coding(PARTICIPATION_MODE, "EMAILWRIT", "email"));
            case "voice" -> new CodeableConcept(new Coding(PARTICIPATION_MODE, "PHONE", "telephone"));
            default -> new CodeableConcept(new Coding(PARTICIPATION_MODE, "ONLINEWRIT", "online written"));
        };
    }
}
