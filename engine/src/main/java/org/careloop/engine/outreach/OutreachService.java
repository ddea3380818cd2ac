package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one way a message reaches a patient: opt-out check, contact validation, approved template in the
 * patient's language, the earliest time it may go (sending hours, frequency caps), then a row in {@code
 * outbound_message} and an outbox event in the caller's transaction. The channel adapter sends it after the commit.
 */
@Service
public class OutreachService {

    private static final Logger log = LoggerFactory.getLogger(OutreachService.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final PatientDirectory patients;
    private final MessageLedger ledger;
    private final org.careloop.engine.departments.Departments departments;
    private final OutreachProperties properties;
    private final org.careloop.engine.contact.InvalidContacts contacts;
    private final SendingSchedule schedule;
    private final org.careloop.engine.consent.ConsentVault consents;

    OutreachService(
            org.careloop.engine.consent.ConsentVault consents,
            SendingSchedule schedule,
            org.careloop.engine.contact.InvalidContacts contacts,
            org.careloop.engine.departments.Departments departments,
            OutreachProperties properties,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            Outbox outbox,
            MessageTemplates templates,
            PatientDirectory patients,
            MessageLedger ledger) {
        this.consents = consents;
        this.ledger = ledger;
        this.departments = departments;
        this.schedule = schedule;
        this.contacts = contacts;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.patients = patients;
    }

    /** What became of a request: queued for sending, or held back and why. */
    public enum Result {
        QUEUED,
        OPTED_OUT,
        /** The consent vault holds no permission for this channel and the message's purpose. */
        NO_CONSENT,
        NO_VALID_MOBILE,
        UNKNOWN_PATIENT
    }

    public Result send(OutreachRequest request) {
        Optional<PatientSummary> found = patients.find(request.patientId());
        if (found.isEmpty()) {
            log.warn("Outreach {} not sent: patient {} not found", request.templateId(), request.patientId());
            return Result.UNKNOWN_PATIENT;
        }
        PatientSummary patient = found.get();
        var department = departments.of(patient);
        String body = templates.render(request.templateId(), patient.language(), request.when(), department);
        if (patient.mobile() == null) {
            ledger.outboundChanged(
                    record(request, "unknown", body, "INVALID_CONTACT", "No valid mobile number on file"));
            return Result.NO_VALID_MOBILE;
        }
        if (contacts.isInvalid(patient.mobile())) {
            ledger.outboundChanged(record(
                    request,
                    patient.mobile(),
                    body,
                    "INVALID_CONTACT",
                    "The number on file could not be reached; a coordinator is updating it"));
            return Result.NO_VALID_MOBILE;
        }
        boolean confirmsOptOut = "opt-out-confirmation".equals(request.templateId());
        var purpose = org.careloop.engine.consent.ContactPurpose.ofProgram(request.program());
        if (!confirmsOptOut
                && !consents.permits(patient.id(), org.careloop.engine.consent.ContactChannel.SMS, purpose)) {
            ledger.outboundChanged(record(
                    request,
                    patient.mobile(),
                    body,
                    "SUPPRESSED",
                    "No consent to text the patient for " + purpose.code()));
            return Result.NO_CONSENT;
        }
        if (isOptedOut(patient.mobile()) && !confirmsOptOut) {
            ledger.outboundChanged(record(request, patient.mobile(), body, "SUPPRESSED", "Patient opted out of SMS"));
            return Result.OPTED_OUT;
        }
        if (isFirstContact(patient.mobile())) {
            body = templates.render("intro", patient.language(), null, department) + "\n" + body;
        }
        // a program's message waits for the patient's sending hours and the program's caps; an answer to what the
        // patient wrote does not
        java.time.Instant now = clock.instant();
        var hours = properties.sendingWindow().within(department.hours());
        java.time.ZoneId zone = patient.zone() == null ? properties.timeZone() : patient.zone();
        java.time.Instant notBefore = request.inResponseTo() != null
                ? now
                : schedule.earliest(request.patientId(), request.program(), now, t -> hours.earliest(t, zone));
        String why = notBefore.equals(hours.earliest(now, zone))
                ? "quiet hours in the patient's time zone"
                : "the program's limit of messages a day or a week to one patient";
        String id = record(
                request,
                patient.mobile(),
                department.sender(),
                body,
                "QUEUED",
                notBefore.isAfter(now) ? "Deferred to " + notBefore + ": " + why : null,
                notBefore);
        outbox.enqueue(SendRequested.of(id, patient.mobile(), request.inResponseTo() != null), notBefore);
        if (notBefore.isAfter(now)) {
            log.info("Outreach {} for patient {} deferred to {}", request.templateId(), request.patientId(), notBefore);
        }
        log.info("Outreach {} queued as message {} for patient {}", request.templateId(), id, request.patientId());
        return Result.QUEUED;
    }

    public boolean isOptedOut(String phoneNumber) {
        return jdbc.queryForObject(
                        "select count(*) from sms_opt_out where phone_number = ?", Integer.class, phoneNumber)
                > 0;
    }

    private boolean isFirstContact(String phoneNumber) {
        return jdbc.queryForObject(
                        "select count(*) from outbound_message where to_number = ? and status in "
                                + "('QUEUED','SENDING','SENT','DELIVERED','UNKNOWN')",
                        Integer.class,
                        phoneNumber)
                == 0;
    }

    private String record(OutreachRequest request, String to, String body, String status, String detail) {
        return record(request, to, null, body, status, detail, clock.instant());
    }

    private String record(
            OutreachRequest request,
            String to,
            String from,
            String body,
            String status,
            String detail,
            Instant sendAfter) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.update(
                "insert into outbound_message (id, patient_id, enrolment_id, program, process_instance_id, channel, "
                        + "to_number, from_number, template_id, body, in_response_to, status, status_detail, created_at, "
                        + "updated_at, send_after) values (?, ?, ?, ?, ?, 'sms', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                request.patientId(),
                request.enrolmentId(),
                request.program(),
                request.processInstanceId(),
                to,
                from,
                request.templateId(),
                body,
                request.inResponseTo(),
                status,
                detail,
                now,
                now,
                Timestamp.from(sendAfter));
        return id;
    }
}
