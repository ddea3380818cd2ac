package org.careloop.forms.consents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the consent desk needs from the engine: a patient found by medical record number, the patient's consent per
 * channel and purpose with its history, and a decision the patient states at the desk recorded with its evidence.
 * Every look-up is an access to the patient's information and is audited, by the user.
 */
public interface ConsentDesk {

    /** The patient as the desk confirms who is in front of them. */
    record Patient(String id, String name, LocalDate birthDate, String mrn) {}

    /** Whether the patient may be contacted on one channel for one purpose, and whether a record decides it. */
    record Decision(String channel, String purpose, boolean permit, boolean implied) {}

    /** One grant or revocation as recorded: when, what, from where, the patient's words and who recorded it. */
    record Recorded(
            Instant at, String channel, String purpose, boolean permit, String source, String words, String by) {}

    /** The patient with that medical record number, if exactly one has it. */
    Optional<Patient> findByMrn(String mrn, String user, String address);

    /** The patient by id, if there is one. */
    Optional<Patient> find(String patientId, String user, String address);

    List<Decision> state(String patientId);

    /** Every grant and revocation, newest first. */
    List<Recorded> history(String patientId);

    /** The channels ({@code sms}, …, {@code all}) and purposes ({@code care}, …, {@code all}) a decision may cover. */
    List<String> channels();

    List<String> purposes();

    /** Records a decision the patient stated at the desk: their words, by the user, from the user's address. */
    void record(
            String patientId,
            String channel,
            String purpose,
            boolean permit,
            String words,
            String user,
            String address);
}
