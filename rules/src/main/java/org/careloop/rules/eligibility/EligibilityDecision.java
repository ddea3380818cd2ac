package org.careloop.rules.eligibility;

/** The outcome of an eligibility decision, with the reason the decision table gave. */
public record EligibilityDecision(boolean eligible, String reason) {}
