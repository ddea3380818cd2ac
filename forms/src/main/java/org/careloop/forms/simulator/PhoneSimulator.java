package org.careloop.forms.simulator;

import java.time.Instant;
import java.util.List;

/** A simulated SMS and voice provider and the patients' phones behind it (demo profile). */
public interface PhoneSimulator {

    record Text(Instant at, boolean fromPatient, String body, String status) {}

    /**
     * @param keys  the keys a call in progress on this phone waits for (the keypad), or empty when no call waits
     * @param entry whether the call waits for several keys ended by # (a reading), rather than one
     */
    record Phone(String number, List<Text> texts, List<String> keys, boolean entry) {}

    List<Phone> phones();

    /** The patient at {@code number} replies; the provider delivers it to CareLoop's signed webhook. */
    void reply(String number, String body);

    /**
     * The patient presses a key during the call in progress (or, where it waits for an entry, keys and then #); the
     * provider posts them to CareLoop's signed webhook.
     *
     * @return false when no call on that phone waits for these keys
     */
    boolean press(String number, String key);

    /**
     * The patient hangs up the call in progress.
     *
     * @return false when no call is in progress on that phone
     */
    boolean hangUp(String number);
}
