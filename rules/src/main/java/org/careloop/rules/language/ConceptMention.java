package org.careloop.rules.language;

import org.careloop.rules.triage.Severity;

/** A clinical concept or intent found in one clause of a reply, with its negation, certainty and experiencer. */
public final class ConceptMention {

    private final String concept;
    private final Severity severity;
    private final String label;
    private final boolean negated;
    private final boolean uncertain;
    private final boolean otherPerson;
    private final int clause;
    private final int start;
    private final int end;

    public ConceptMention(
            Lexicon.Concept concept,
            boolean negated,
            boolean uncertain,
            boolean otherPerson,
            int clause,
            int start,
            int end) {
        this.concept = concept.id();
        this.severity = concept.severity();
        this.label = concept.label();
        this.negated = negated;
        this.uncertain = uncertain;
        this.otherPerson = otherPerson;
        this.clause = clause;
        this.start = start;
        this.end = end;
    }

    public String getConcept() {
        return concept;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getLabel() {
        return label;
    }

    public boolean isNegated() {
        return negated;
    }

    public boolean isUncertain() {
        return uncertain;
    }

    public boolean isOtherPerson() {
        return otherPerson;
    }

    public int getClause() {
        return clause;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The label as staff read it, with what qualifies the mention: "(uncertain)", "(about someone else)". */
    public String getDescription() {
        return label + (uncertain ? " (uncertain)" : "") + (otherPerson ? " (about someone else)" : "");
    }

    @Override
    public String toString() {
        return (negated ? "no " : "") + concept + (uncertain ? "?" : "") + (otherPerson ? "[other]" : "") + "@"
                + clause;
    }
}
