package org.careloop.rules.decisions;

import java.util.List;

/** A DMN model or DRL rule set that cannot take a running one's place, with the parser's, the compiler's or its gate's messages. */
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
