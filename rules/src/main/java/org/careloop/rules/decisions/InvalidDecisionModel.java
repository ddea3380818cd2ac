package org.careloop.rules.decisions;

import java.util.List;

/** A DMN model that cannot take a decision's place, with the parser's and the compiler's messages. */
public class InvalidDecisionModel extends RuntimeException {

    private final List<String> problems;

    public InvalidDecisionModel(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
