package org.careloop.engine.appointments;

import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.stereotype.Component;

/** Every Appointment written with a patient on it: its reminders start, move or end in the outbox. */
@Component
class AppointmentEvents implements FhirWriteEvents {

    @Override
    public OutboxEvent eventFor(IBaseResource written) {
        if (!(written instanceof Appointment appointment)) {
            return null;
        }
        String patient = Appointments.patientOf(appointment);
        return patient == null
                ? null
                : new AppointmentWritten(appointment.getIdElement().getIdPart(), patient);
    }
}
