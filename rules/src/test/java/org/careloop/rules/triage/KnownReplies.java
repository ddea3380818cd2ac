package org.careloop.rules.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reply CareLoop's tests know: the evaluation sets of each language, the classifier's corpus, and the
 * keywords and requests in words to stop (and their look-alikes).
 */
public final class KnownReplies {

    private KnownReplies() {}

    public static List<String> all() throws IOException {
        List<String> replies = new ArrayList<>();
        for (String language : List.of("en", "es")) {
            TriageEvaluationTest.cases(language).forEach(c -> replies.add(c.reply()));
        }
        try (var in = ReplyTriage.class.getResourceAsStream("/org/careloop/rules/language/classifier-corpus.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cols = line.split("\t", 2);
                if (cols.length == 2) {
                    replies.add(cols[1].strip());
                }
            }
        }
        replies.addAll(List.of(
                "STOP",
                "stop",
                "Unsubscribe",
                "STOPALL",
                "START",
                "HELP",
                "AGENT",
                "please stop texting me",
                "no more messages please, I'm fine",
                "stop texting me, I have chest pain",
                "no me escriban más",
                "ya no quiero mensajes",
                "don't stop texting me",
                "leave me alone",
                "no mas mensajes por favor",
                "I want to stop my pills"));
        return replies;
    }
}
