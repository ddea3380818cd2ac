package org.careloop.engine.fhir;

import java.time.Instant;

/** One change a person made to a handoff, as the FHIR Task's note says it: who, when, what. */
public record HandoffNote(String author, Instant at, String text) {}
