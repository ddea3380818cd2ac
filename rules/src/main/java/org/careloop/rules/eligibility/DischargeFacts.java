package org.careloop.rules.eligibility;

/**
 * What the post-discharge eligibility decision is told about one patient and one hospital stay.
 * Gathered from FHIR by the caller; "now" is the caller's clock, never the rule's.
 *
 * @param deceased             the patient is recorded as deceased
 * @param age                  whole years at discharge, or {@code null} when the birth date is unknown
 * @param dischargeDisposition the disposition code (HL7 discharge-disposition or NUBC), or {@code null} when none is given
 * @param hoursSinceDischarge  hours from discharge to now (negative when the discharge lies in the future)
 * @param hasMobile            a mobile number is on file (for texts)
 * @param callable             a phone number CareLoop may call is on file, and automated calls are on
 * @param alreadyEnrolled      the patient is already in this program for this stay, or for a later one
 */
public record DischargeFacts(
        boolean deceased,
        Integer age,
        String dischargeDisposition,
        long hoursSinceDischarge,
        boolean hasMobile,
        boolean callable,
        boolean alreadyEnrolled) {

    /** The facts of a patient whom CareLoop reaches by text only (automated calls off). */
    public DischargeFacts(
            boolean deceased,
            Integer age,
            String dischargeDisposition,
            long hoursSinceDischarge,
            boolean hasMobile,
            boolean alreadyEnrolled) {
        this(deceased, age, dischargeDisposition, hoursSinceDischarge, hasMobile, false, alreadyEnrolled);
    }
}
