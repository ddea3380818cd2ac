package org.careloop.rules.language;

/**
 * A body part, symptom, medicine, feeling or bodily function that a reply names and that nothing in the lexicon
 * explains (it is not part of a concept, not negated, not followed by a reassurance): a nurse reads such a reply.
 */
public final class UnresolvedTerm {

    private final String category;
    private final String term;
    private final int clause;

    public UnresolvedTerm(String category, String term, int clause) {
        this.category = category;
        this.term = term;
        this.clause = clause;
    }

    public String getCategory() {
        return category;
    }

    public String getTerm() {
        return term;
    }

    public int getClause() {
        return clause;
    }

    @Override
    public String toString() {
        return category + ":" + term;
    }
}
