package org.careloop.rules.triage;

import org.careloop.rules.language.UnresolvedTerm;

/** A clinical word the reply denies ("no headache", "sin dolor"): a denial, read as fine. */
public final class DeniedTerm {

    private final String category;
    private final String term;

    DeniedTerm(UnresolvedTerm term) {
        this.category = term.getCategory();
        this.term = term.getTerm();
    }

    public String getCategory() {
        return category;
    }

    public String getTerm() {
        return term;
    }
}
