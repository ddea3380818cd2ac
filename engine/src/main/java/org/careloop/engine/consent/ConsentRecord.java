package org.careloop.engine.consent;

import java.time.Instant;

/**
 * One grant or revocation in the consent vault, with its evidence.
 *
 * @param source           how it was given: {@code keyword} (STOP, START), {@code words} (a request the rules read as
 *                         clear), {@code staff} (entered by a member of the care team), {@code ehr} (sent by a system)
 * @param contact          where it came from: the patient's number or address, or the IP address of the entry
 * @param words            the patient's exact words, or what the staff member recorded
 * @param inboundMessageId the message that carried it, if it came as one
 * @param recordedBy       the user or system that recorded it, if not the patient's own message
 */
public record ConsentRecord(
        long id,
        String patientId,
        ContactChannel channel,
        ContactPurpose purpose,
        boolean permit,
        Instant recordedAt,
        String source,
        String contact,
        String words,
        String inboundMessageId,
        String recordedBy) {

    /** True when this record speaks for the channel and purpose of a message. */
    public boolean covers(ContactChannel messageChannel, ContactPurpose messagePurpose) {
        return (channel == ContactChannel.ALL || channel == messageChannel)
                && (purpose == ContactPurpose.ALL || purpose == messagePurpose);
    }

    /** What is asked to be recorded; the vault gives it its id and time. */
    public record Change(
            String patientId,
            ContactChannel channel,
            ContactPurpose purpose,
            boolean permit,
            String source,
            String contact,
            String words,
            String inboundMessageId,
            String recordedBy) {}
}
