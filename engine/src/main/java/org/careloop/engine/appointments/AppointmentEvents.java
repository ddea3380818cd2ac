package org.careloop.engine.appointments;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.careloop.engine.fhir.FhirWriteListener;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outbox.OutboxEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Every Appointment written with a patient on it: its reminders start, move or end in the outbox. */
@Component
class AppointmentEvents extends FhirWriteListener {

    AppointmentEvents(
            IInterceptorService interceptors,
            Outbox outbox,
            @Qualifier("camundaBpmTransactionManager") PlatformTransactionManager engineTm) {
        super(interceptors, outbox, engineTm);
    }

    @Override
    protected OutboxEvent eventFor(IBaseResource written) {
        if (!(written instanceof Appointment appointment)) {
            return null;
        }
        String patient = Appointments.patientOf(appointment);
        return patient == null
                ? null
                : new AppointmentWritten(appointment.getIdElement().getIdPart(), patient);
    }
}
