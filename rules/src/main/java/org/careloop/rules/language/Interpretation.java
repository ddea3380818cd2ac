package org.careloop.rules.language;

import java.util.List;

/**
 * What the interpreter read in one reply: the concepts and intents in it, what it names that nothing explains,
 * the clinical words it denies ("no headache"), the values it reports, and whether the whole message is a keyword or a question.
 */
public record Interpretation(
        String normalised,
        boolean question,
        String keyword,
        List<ConceptMention> mentions,
        List<UnresolvedTerm> unresolved,
        List<UnresolvedTerm> denied,
        List<ReportedValue> values,
        int clauses) {

    public Interpretation {
        mentions = List.copyOf(mentions);
        unresolved = List.copyOf(unresolved);
        denied = List.copyOf(denied);
        values = List.copyOf(values);
    }
}
