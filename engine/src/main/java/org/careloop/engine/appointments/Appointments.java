package org.careloop.engine.appointments;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** The FHIR Appointments whose reminders CareLoop runs: read them, and write what a patient's reply asked for. */
@Component
class Appointments {

    static final String PROGRAM = "appointment-reminder";
    static final String PRE_PROCEDURE = "pre-procedure";
    static final String CANCELLATION_REASONS = "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason";

    private final DaoRegistry daos;

    Appointments(DaoRegistry daos) {
        this.daos = daos;
    }

    /** An appointment for a procedure: it is based on a ServiceRequest (the order for the procedure). */
    static boolean forAProcedure(Appointment appointment) {
        return appointment.getBasedOn().stream()
                .anyMatch(r -> r.hasReferenceElement()
                        && "ServiceRequest".equals(r.getReferenceElement().getResourceType()));
    }

    /** The patient among the appointment's participants, or null. */
    static String patientOf(Appointment appointment) {
        return appointment.getParticipant().stream()
                .filter(p -> p.getActor().hasReferenceElement())
                .map(p -> p.getActor().getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()))
                .map(org.hl7.fhir.instance.model.api.IIdType::getIdPart)
                .findFirst()
                .orElse(null);
    }

    static Optional<Appointment.AppointmentParticipantComponent> patientParticipant(Appointment appointment) {
        return appointment.getParticipant().stream()
                .filter(p -> p.getActor().hasReferenceElement()
                        && "Patient".equals(p.getActor().getReferenceElement().getResourceType()))
                .findFirst();
    }

    Optional<Appointment> find(String appointmentId) {
        try {
            return Optional.of(daos.getResourceDao(Appointment.class)
                    .read(new IdType("Appointment", appointmentId), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    void update(Appointment appointment) {
        daos.getResourceDao(Appointment.class).update(appointment, new SystemRequestDetails());
    }
}
