package org.careloop.engine;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Patient;

/** Notes the threads that read one patient's record through the FHIR server's storage (register it, then count). */
@Interceptor
public class PatientReads {

    private final String patientId;
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private PatientReads(String patientId) {
        this.patientId = patientId;
    }

    @Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
    public void read(IPreResourceAccessDetails details) {
        for (int i = 0; i < details.size(); i++) {
            if (details.getResource(i) instanceof Patient read
                    && patientId.equals(read.getIdElement().getIdPart())) {
                threads.add(Thread.currentThread().getName());
            }
        }
    }

    /** The reads of the patient's record while the work runs. */
    static PatientReads during(
            ca.uhn.fhir.interceptor.api.IInterceptorService interceptors, String patientId, Runnable work) {
        PatientReads reads = new PatientReads(patientId);
        interceptors.registerInterceptor(reads);
        try {
            work.run();
        } finally {
            interceptors.unregisterInterceptor(reads);
        }
        return reads;
    }

    /** The reads made on threads whose name holds this. */
    long on(String thread) {
        return threads.stream().filter(name -> name.contains(thread)).count();
    }
}
