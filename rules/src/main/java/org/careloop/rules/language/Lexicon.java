package org.careloop.rules.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.careloop.rules.triage.Severity;

/**
 * The interpreter's knowledge, read from the data files beside this class ({@code README.md} there says what
 * each holds). Every language listed in {@code languages.txt} is read; adding a language is adding its files.
 */
public final class Lexicon {

    private static final String BASE = "org/careloop/rules/language/";
    private static volatile Lexicon standard;

    /** A clinical concept or intent. */
    public record Concept(String id, Severity severity, String snomed, String label) {}

    record Entry(String concept, Phrase phrase, String language) {}

    record Term(String category, Phrase phrase) {}

    private final List<String> languages;
    private final Map<String, Concept> concepts;
    private final List<Entry> entries;
    private final Map<String, List<Phrase>> cues;
    private final List<Term> clinicalWords;
    private final Map<String, Map<String, String>> shorthand;
    private final java.util.Set<String> shorthandWords;
    private final Map<String, String> emoji;
    private final Map<String, String> keywords;

    private Lexicon(
            List<String> languages,
            Map<String, Concept> concepts,
            List<Entry> entries,
            Map<String, List<Phrase>> cues,
            List<Term> clinicalWords,
            Map<String, Map<String, String>> shorthand,
            Map<String, String> emoji,
            Map<String, String> keywords) {
        this.languages = languages;
        this.concepts = concepts;
        this.entries = entries;
        this.cues = cues;
        this.clinicalWords = clinicalWords;
        this.shorthand = shorthand;
        this.shorthandWords = shorthand.values().stream()
                .flatMap(words -> words.keySet().stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.emoji = emoji;
        this.keywords = keywords;
    }

    /** The lexicon shipped with CareLoop, read once. */
    public static Lexicon standard() {
        Lexicon current = standard;
        if (current == null) {
            synchronized (Lexicon.class) {
                current = standard;
                if (current == null) {
                    current = load();
                    standard = current;
                }
            }
        }
        return current;
    }

    static Lexicon load() {
        List<String> languages = lines("languages.txt").stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
        Map<String, Concept> concepts = new LinkedHashMap<>();
        for (String[] row : table("concepts.tsv", 4)) {
            concepts.put(
                    row[0], new Concept(row[0], Severity.valueOf(row[1]), row[2].isBlank() ? null : row[2], row[3]));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, List<Phrase>> cues = new HashMap<>();
        List<Term> clinical = new ArrayList<>();
        Map<String, Map<String, String>> shorthand = new HashMap<>();
        for (String language : languages) {
            for (String[] row : table("lexicon-" + language + ".tsv", 2)) {
                if (!concepts.containsKey(row[0])) {
                    throw new IllegalStateException(
                            "lexicon-" + language + ".tsv names unknown concept '" + row[0] + "'");
                }
                entries.add(new Entry(row[0], Phrase.of(row[1]), language));
            }
            for (String[] row : table("cues-" + language + ".tsv", 2)) {
                cues.computeIfAbsent(row[0], c -> new ArrayList<>()).add(Phrase.exact(row[1]));
            }
            for (String[] row : table("clinical-words-" + language + ".tsv", 2)) {
                clinical.add(new Term(row[0], Phrase.of(row[1])));
            }
            Map<String, String> words = new HashMap<>();
            for (String[] row : table("shorthand-" + language + ".tsv", 2)) {
                words.put(Normaliser.foldCase(row[0]), Normaliser.foldCase(row[1]));
            }
            shorthand.put(language, Map.copyOf(words));
        }
        Map<String, String> emoji = new LinkedHashMap<>();
        for (String[] row : table("emoji.tsv", 2)) {
            emoji.put(row[0], row[1]);
        }
        Map<String, String> keywords = new HashMap<>();
        for (String[] row : table("keywords.tsv", 2)) {
            keywords.put(Normaliser.foldCase(row[1]), row[0]);
        }
        cues.replaceAll((k, v) -> List.copyOf(v));
        return new Lexicon(
                languages,
                Map.copyOf(concepts),
                List.copyOf(entries),
                Map.copyOf(cues),
                List.copyOf(clinical),
                Map.copyOf(shorthand),
                emoji,
                Map.copyOf(keywords));
    }

    public List<String> languages() {
        return languages;
    }

    public Concept concept(String id) {
        Concept concept = concepts.get(id);
        if (concept == null) {
            throw new IllegalArgumentException("Unknown concept " + id);
        }
        return concept;
    }

    public Map<String, Concept> concepts() {
        return concepts;
    }

    /** The phrases of one concept in one language, as written in the lexicon. */
    public List<String> phrases(String concept, String language) {
        return entries.stream()
                .filter(e -> e.concept().equals(concept) && e.language().equals(language))
                .map(e -> e.phrase().text())
                .toList();
    }

    /** Every word the lexicon, its cues and its clinical words spell out in full. */
    Set<String> knownWords() {
        Set<String> words = new HashSet<>();
        entries.forEach(e -> words.addAll(e.phrase().plainWords()));
        cues.values().forEach(list -> list.forEach(p -> words.addAll(p.plainWords())));
        clinicalWords.forEach(t -> words.addAll(t.phrase().plainWords()));
        return Set.copyOf(words);
    }

    List<Entry> entries() {
        return entries;
    }

    List<Phrase> cues(String kind) {
        return cues.getOrDefault(kind, List.of());
    }

    List<Term> clinicalWords() {
        return clinicalWords;
    }

    Map<String, String> shorthand(String language) {
        return shorthand.getOrDefault(language, shorthand.getOrDefault(languages.get(0), Map.of()));
    }

    /** Whether the word is shorthand in any of the lexicon's languages (then the patient's language matters). */
    boolean isShorthand(String word) {
        return shorthandWords.contains(word);
    }

    Map<String, String> emoji() {
        return emoji;
    }

    /** The keyword family of a whole message ("stop", "agent", …), or null. */
    public String keywordFamily(String normalisedMessage) {
        return keywords.get(normalisedMessage);
    }

    private static List<String[]> table(String file, int columns) {
        List<String> lines = lines(file);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) { // the first line names the columns
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\t", -1);
            if (row.length < columns) {
                throw new IllegalStateException(
                        file + " line " + (i + 1) + ": expected " + columns + " tab-separated columns");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> lines(String file) {
        InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(BASE + file);
        if (in == null) {
            throw new IllegalStateException("Missing language file " + BASE + file);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
