package org.careloop.engine.appointments;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * The FHIR Appointments whose reminders CareLoop runs, and the procedure orders (ServiceRequests) a preparation may
 * start from: read them, and write what a patient's reply asked for.
 */
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

    /** The row key of a program started from an order, until an Appointment booked for the order takes it over. */
    static String orderKey(String serviceRequestId) {
        return "sr-" + serviceRequestId;
    }

    /** The order an appointment was booked for (its first {@code basedOn} ServiceRequest), or null. */
    static String orderOf(Appointment appointment) {
        return appointment.getBasedOn().stream()
                .filter(r -> r.hasReferenceElement()
                        && "ServiceRequest".equals(r.getReferenceElement().getResourceType()))
                .map(r -> r.getReferenceElement().getIdPart())
                .findFirst()
                .orElse(null);
    }

    /**
     * SNOMED CT categories of an order for a procedure a patient prepares for: surgical (387713003) and diagnostic
     * (103693007) procedures. Laboratory, imaging, counselling and education orders start nothing.
     */
    static final Set<String> PROCEDURE_CATEGORIES = Set.of("387713003", "103693007");

    static final String SNOMED = "http://snomed.info/sct";

    /** An order for a procedure: one of {@link #PROCEDURE_CATEGORIES}. */
    static boolean forAProcedure(ServiceRequest order) {
        return order.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> SNOMED.equals(c.getSystem()) && PROCEDURE_CATEGORIES.contains(c.getCode()));
    }

    /** When the ordered procedure is to happen: {@code occurrenceDateTime} or the start of {@code occurrencePeriod}. */
    static Optional<Instant> scheduledStart(ServiceRequest order) {
        if (order.hasOccurrenceDateTimeType()
                && order.getOccurrenceDateTimeType().getValue() != null) {
            return Optional.of(order.getOccurrenceDateTimeType().getValue().toInstant());
        }
        if (order.hasOccurrencePeriod() && order.getOccurrencePeriod().getStart() != null) {
            return Optional.of(order.getOccurrencePeriod().getStart().toInstant());
        }
        return Optional.empty();
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

    Optional<ServiceRequest> findOrder(String serviceRequestId) {
        try {
            return Optional.of(daos.getResourceDao(ServiceRequest.class)
                    .read(new IdType("ServiceRequest", serviceRequestId), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Records what the patient answered on the order itself, as a note the EHR shows with it. */
    void noteOnOrder(String serviceRequestId, String text, Instant at) {
        ServiceRequest order = findOrder(serviceRequestId)
                .orElseThrow(() -> new IllegalStateException("Order " + serviceRequestId + " is gone"));
        order.addNote(new Annotation().setText(text).setTime(java.util.Date.from(at)));
        daos.getResourceDao(ServiceRequest.class).update(order, new SystemRequestDetails());
    }
}
