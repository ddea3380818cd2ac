package org.careloop.rules.triage;

/**
 * The care teams a handoff can go to. The group id is the Camunda group of the team's queue, the value of the
 * {@code handoffTeam} process variable and the FHIR Task's performer type.
 */
public enum Team {
    NURSE("nurse"),
    CARE_COORDINATOR("care-coordinator"),
    PHARMACIST("pharmacist"),
    SCHEDULER("scheduler");

    private final String group;

    Team(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }
}
