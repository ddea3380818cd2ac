package org.careloop.rules.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.careloop.rules.CareRules;
import org.careloop.rules.triage.ReplyTriage;

/**
 * Benchmark, not a test: replies per second through the interpreter and the Drools rules alone, on the evaluation
 * replies of both languages, one thread. Run with {@code bench/triage-throughput.sh}.
 */
public final class TriageThroughput {

    private TriageThroughput() {}

    public static void main(String[] args) throws IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String[]> replies = new ArrayList<>();
        for (String language : List.of("en", "es")) {
            try (InputStream in =
                    TriageThroughput.class.getResourceAsStream("/triage-evaluation/replies-" + language + ".tsv")) {
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                for (int i = 1; i < lines.length; i++) {
                    String[] cols = lines[i].split("\t", 3);
                    if (cols.length == 3) {
                        replies.add(new String[] {cols[2].strip(), language});
                    }
                }
            }
        }
        ReplyTriage triage = new CareRules().replyTriage();
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        int i = 0;
        while (System.nanoTime() < warmUntil) {
            String[] r = replies.get(i++ % replies.size());
            triage.triage(r[0], r[1]);
        }
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
            String[] r = replies.get((int) (count % replies.size()));
            triage.triage(r[0], r[1]);
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "triage throughput: %d replies in %.1f s = %.0f replies/s on one thread (%d distinct replies)%n",
                count, elapsed, count / elapsed, replies.size());
    }
}
