package org.careloop.forms.audit;

import java.time.Instant;
import java.util.List;

/** What the auditor's page needs from the engine: the audit trail searched, and its hash chain checked. */
public interface AuditReview {

    /**
     * One access to patients' information.
     *
     * @param who      the person or system that acted
     * @param patients the patients it was about (several for a list view)
     * @param action   in words: read, search, create, update, delete
     * @param what     the resources touched, besides the patients
     * @param purpose  the page, API or system action through which it happened
     * @param address  the source network address, when known
     * @param outcome  success, or the failure
     * @param sequence the record's place in the hash chain, or null while it waits to be sealed
     */
    record Entry(
            String id,
            Instant recorded,
            String who,
            List<String> patients,
            String action,
            List<String> what,
            String purpose,
            String address,
            String outcome,
            Long sequence) {}

    /** A search: every criterion optional; {@code to} is exclusive. */
    record Criteria(String patientId, String user, Instant from, Instant to) {}

    /** The outcome of a check of the whole chain. */
    record Check(boolean intact, long records, long unsealed, List<String> problems) {}

    /**
     * The newest matching records first, at most {@code limit}. The search itself is an access to patients'
     * information and is recorded, by {@code auditor}.
     */
    List<Entry> search(Criteria criteria, int limit, String auditor);

    /** Recomputes the hash chain and names every record changed, deleted or left out of it. */
    Check verify();
}
