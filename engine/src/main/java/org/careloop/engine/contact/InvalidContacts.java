package org.careloop.engine.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers that cannot take a message: the provider said so (a hard failure, not a passing one). Such a number is
 * marked once, with the provider's reason; nothing more is sent to it, and a listener (the coordinator's handoff) is
 * told once, so that a person updates the number instead of CareLoop retrying for ever. A contact is kept by its blind
 * index only.
 */
@Service
public class InvalidContacts {

    private static final Logger log = LoggerFactory.getLogger(InvalidContacts.class);

    /**
     * Twilio's error codes that say the number itself is wrong: 21211 invalid 'To' number, 21614 not a mobile
     * number, 30003 unreachable handset, 30005 unknown handset, 30006 landline or unreachable carrier. Filtering,
     * queue overflow, carrier outages and blocks (30004, 30007, 30001, 30008) say nothing about the number.
     */
    public static final Map<String, String> HARD_FAILURES = Map.of(
            "21211", "not a valid phone number",
            "21614", "not a mobile number",
            "30003", "the handset is unreachable",
            "30005", "the number is unknown to the carrier",
            "30006", "a landline or a carrier that cannot take text messages");

    /** Told once when a patient's number is marked invalid. */
    public interface Listener {
        void contactInvalid(String patientId, String phoneNumber, String reason);
    }

    private final JdbcTemplate jdbc;
    private final org.careloop.engine.crypto.PhiCipher cipher;
    private final Clock clock;
    private final java.util.List<Listener> listeners;
    private final TransactionTemplate transactions;

    public InvalidContacts(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            org.careloop.engine.crypto.PhiCipher cipher,
            Clock clock,
            java.util.List<Listener> listeners,
            @Qualifier("engineTransactions") TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.listeners = listeners;
    }

    public static boolean isHardFailure(String errorCode) {
        return errorCode != null && HARD_FAILURES.containsKey(errorCode);
    }

    public boolean isInvalid(String phoneNumber) {
        return phoneNumber != null
                && jdbc.queryForObject(
                                "select count(*) from contact_invalid where contact_index = ?",
                                Integer.class,
                                cipher.index(phoneNumber))
                        > 0;
    }

    /**
     * Marks a number invalid after a hard failure (in the caller's transaction); tells the listeners the first time.
     *
     * @return whether this call marked it (false: it was already marked, or the code is not a hard failure)
     */
    public boolean markFromProvider(String phoneNumber, String patientId, String errorCode) {
        if (!isHardFailure(errorCode) || phoneNumber == null) {
            return false;
        }
        return mark(
                phoneNumber, patientId, errorCode, "Provider error " + errorCode + ": " + HARD_FAILURES.get(errorCode));
    }

    /**
     * A message refused for its contact: its status ({@code messageRefused}) and the contact's mark, with the
     * coordinator's handoff, in one transaction. Apart, a reader could see the refusal before the mark, and a node that
     * stopped between the two left a refused message whose contact was never marked and no coordinator told.
     *
     * @param errorCode the provider's code; the contact is marked only for a hard failure
     */
    public void refusedFromProvider(Runnable messageRefused, String phoneNumber, String patientId, String errorCode) {
        transactions.executeWithoutResult(tx -> {
            messageRefused.run();
            markFromProvider(phoneNumber, patientId, errorCode);
        });
    }

    /** As {@link #refusedFromProvider}, for a refusal CareLoop states itself (a lookup, a mail server's answer). */
    public void refused(Runnable messageRefused, String contact, String patientId, String errorCode, String reason) {
        transactions.executeWithoutResult(tx -> {
            messageRefused.run();
            mark(contact, patientId, errorCode, reason);
        });
    }

    /**
     * Marks a contact (a number or an address) invalid (in the caller's transaction); tells the listeners the first
     * time.
     *
     * @return whether this call marked it (false: it was already marked)
     */
    public boolean mark(String phoneNumber, String patientId, String errorCode, String reason) {
        if (isInvalid(phoneNumber)) {
            return false;
        }
        // two nodes marking one number at once: the second fails on the key and its caller's retry finds it marked
        jdbc.update(
                "insert into contact_invalid (contact_index, patient_id, error_code, reason, marked_at) "
                        + "values (?, ?, ?, ?, ?)",
                cipher.index(phoneNumber),
                patientId,
                errorCode,
                reason,
                Timestamp.from(clock.instant()));
        log.info("A number of patient {} was marked invalid ({})", patientId, errorCode);
        listeners.forEach(l -> l.contactInvalid(patientId, phoneNumber, reason));
        return true;
    }

    /**
     * A number that is fine but cannot take texts (a landline recorded as a mobile): not marked invalid, since it
     * still takes calls, but the listeners are told, so that a person corrects the record and reaches the patient.
     */
    public void notTextable(String phoneNumber, String patientId, String reason) {
        log.info("A number of patient {} cannot take texts (landline)", patientId);
        listeners.forEach(l -> l.contactInvalid(patientId, phoneNumber, reason));
    }
}
