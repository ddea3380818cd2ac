package org.careloop.forms.simulator;

import java.time.Instant;
import java.util.List;

/** A simulated SMS provider and the patients' phones behind it (demo profile). */
public interface PhoneSimulator {

    record Text(Instant at, boolean fromPatient, String body, String status) {}

    record Phone(String number, List<Text> texts) {}

    List<Phone> phones();

    /** The patient at {@code number} replies; the provider delivers it to CareLoop's signed webhook. */
    void reply(String number, String body);
}
