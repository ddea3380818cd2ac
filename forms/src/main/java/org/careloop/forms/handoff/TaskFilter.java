package org.careloop.forms.handoff;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a user narrows the task list to and how it is ordered: a team, an urgency, who holds a task ({@code mine},
 * {@code unclaimed}), part of a patient's name; sorted by urgency (the board's own order), time waited
 * ({@code waiting}) or patient ({@code patient}). Empty values narrow nothing.
 */
record TaskFilter(String team, String urgency, String who, String q, String sort) {

    TaskFilter {
        team = team == null ? "" : team;
        urgency = urgency == null ? "" : urgency;
        who = who == null ? "" : who;
        q = q == null ? "" : q.strip();
        sort = sort == null ? "" : sort;
    }

    List<HandoffBoard.Summary> apply(List<HandoffBoard.Summary> open, String user) {
        String search = q.toLowerCase(Locale.ROOT);
        Stream<HandoffBoard.Summary> shown = open.stream()
                .filter(t -> team.isEmpty() || team.equals(t.team()))
                .filter(t -> urgency.isEmpty() || urgency.equals(t.urgency()))
                .filter(t -> !"mine".equals(who) || user.equals(t.assignee()))
                .filter(t -> !"unclaimed".equals(who) || t.assignee() == null)
                .filter(t -> search.isEmpty()
                        || (t.patientName() != null
                                && t.patientName().toLowerCase(Locale.ROOT).contains(search)));
        return switch (sort) {
            case "waiting" ->
                shown.sorted(Comparator.comparing(HandoffBoard.Summary::created))
                        .toList();
            case "patient" ->
                shown.sorted(Comparator.comparing(
                                HandoffBoard.Summary::patientName, Comparator.nullsLast(String::compareTo)))
                        .toList();
            default -> shown.toList();
        };
    }
}
