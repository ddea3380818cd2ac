package org.careloop.rules.language;

/** What the classifier thinks a reply is about, and how sure it is (0–1). */
public final class ClassifierOpinion {

    private final String category;
    private final double probability;

    public ClassifierOpinion(String category, double probability) {
        this.category = category;
        this.probability = probability;
    }

    public String getCategory() {
        return category;
    }

    public double getProbability() {
        return probability;
    }

    @Override
    public String toString() {
        return category + " " + Math.round(probability * 100) + "%";
    }
}
