package org.careloop.rules.decisions;

/**
 * A model that can be replaced while the application runs: a DMN decision table or a DRL rule set. A replacement
 * is built and checked in full before it takes the place of the running one; a refused one changes nothing.
 */
public interface LiveModel {

    /** The id deployments name it by; also the file name an analyst uploads ({@code <id>.dmn} or {@code <id>.drl}). */
    String decisionId();

    /** {@code DMN} or {@code DRL}: the kind of file that replaces it. */
    String kind();

    /**
     * Checks a replacement as {@link #replace} would, without replacing anything.
     *
     * @throws InvalidDecisionModel with every reason it cannot take the running model's place
     */
    void check(String source);

    /**
     * Replaces the running model.
     *
     * @throws InvalidDecisionModel when the replacement does not build or fails its checks; the running model stays
     */
    void replace(String source);
}
