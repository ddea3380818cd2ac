package org.careloop.rules.decisions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The replies a rule set must keep reading as it does before a new version of it may run: a tab-separated table
 * ({@code expected}, {@code language}, {@code reply}; {@code #} starts a comment). A version that reads any of them
 * otherwise, or fails on one, is refused with every such reply named.
 */
public final class DeploymentGate {

    /** One reply and the reading it must get. */
    public record Case(String expected, String language, String reply) {}

    private final String name;
    private final List<Case> cases;

    private DeploymentGate(String name, List<Case> cases) {
        this.name = name;
        this.cases = List.copyOf(cases);
    }

    /** Loads a gate from the classpath. */
    public static DeploymentGate load(String resource) {
        InputStream in = DeploymentGate.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("No deployment gate " + resource);
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] columns = line.split("\t", 3);
                if (columns.length != 3) {
                    throw new IllegalStateException("Deployment gate " + resource + ": bad line '" + line + "'");
                }
                cases.add(new Case(columns[0].strip(), columns[1].strip(), columns[2].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeploymentGate(resource, cases);
    }

    public List<Case> cases() {
        return cases;
    }

    /**
     * @param reading what the candidate rule set makes of a reply in a language, as the gate's {@code expected}
     *                values name it
     * @throws InvalidDecisionModel naming every reply read otherwise
     */
    public void require(BiFunction<String, String, String> reading) {
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            try {
                String read = reading.apply(c.reply(), c.language());
                if (!c.expected().equals(read)) {
                    problems.add("\"" + c.reply() + "\" must be read as " + c.expected() + ", the new rules read it as "
                            + read);
                }
            } catch (RuntimeException failed) {
                problems.add("\"" + c.reply() + "\": the new rules failed: " + failed.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add("The rule set fails " + problems.size() + " of the " + cases.size()
                    + " replies it must keep reading the same way (" + name + ")");
            all.addAll(problems);
            throw new InvalidDecisionModel(all);
        }
    }
}
