package org.careloop.rules.caregap;

/** The invitation a reply answers: a fact for {@code care-gap-reply.drl}. */
public record CareGapInvitation(String gap) {}
