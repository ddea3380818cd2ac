package org.careloop.fhir.security;

import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * The patients a member of the care team works on now: those with a follow-up open in one of their queues (their
 * groups, within their departments) or assigned to them. Over FHIR, a nurse, coordinator or pharmacist reads these
 * patients' records, a scheduler their appointments, and nobody on the care team reads anyone else.
 */
public interface CareTeamPatients {

    /** The ids of the patients in the caller's queues; empty when there are none. */
    Set<String> of(Authentication caller);
}
