package org.careloop.forms.handoff;

import java.util.Arrays;
import java.util.List;
import org.careloop.forms.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The care team's task list of handoffs: list, open, claim, complete with an outcome. */
@Controller
class TaskListController {

    private static final int MAX_NOTE = 2000;

    private final HandoffBoard board;
    private final java.time.Clock clock;

    TaskListController(HandoffBoard board, java.time.Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    /** The open handoffs, narrowed and ordered as the user asks; the tab title counts every open urgent task. */
    @GetMapping("/tasks")
    String list(
            Authentication user,
            Model model,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String urgency,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort) {
        List<HandoffBoard.Summary> open = board.openFor(user.getName(), CurrentUser.groups(user));
        TaskFilter filter = new TaskFilter(team, urgency, who, q, sort);
        List<HandoffBoard.Summary> shown = filter.apply(open, user.getName());
        model.addAttribute("tasks", shown);
        // one patient's tasks together, in the order of the patient's first task
        java.util.Map<String, List<HandoffBoard.Summary>> byPatient = new java.util.LinkedHashMap<>();
        for (HandoffBoard.Summary task : shown) {
            byPatient
                    .computeIfAbsent(
                            task.patientId() == null ? "task:" + task.taskId() : task.patientId(),
                            k -> new java.util.ArrayList<>())
                    .add(task);
        }
        model.addAttribute("grouped", List.copyOf(byPatient.values()));
        model.addAttribute(
                "teams",
                open.stream()
                        .map(HandoffBoard.Summary::team)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .sorted()
                        .toList());
        model.addAttribute("filter", filter);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "urgentCount",
                open.stream().filter(HandoffBoard.Summary::urgent).count());
        model.addAttribute("groups", CurrentUser.groups(user));
        return "tasks";
    }

    @GetMapping("/tasks/done")
    String done(Authentication user, Model model) {
        model.addAttribute("finished", board.finishedFor(user.getName(), CurrentUser.groups(user)));
        return "done";
    }

    @GetMapping("/tasks/{taskId}")
    String detail(@PathVariable String taskId, Authentication user, Model model) {
        var open = board.detail(taskId, user.getName(), CurrentUser.groups(user));
        if (open.isEmpty()) {
            // a finished handoff opens read-only
            model.addAttribute(
                    "task",
                    board.finished(taskId, user.getName(), CurrentUser.groups(user))
                            .orElseThrow(NotFound::new));
            return "task-done";
        }
        HandoffBoard.Detail detail = open.get();
        model.addAttribute("task", detail);
        model.addAttribute("outcomes", Arrays.asList(HandoffBoard.Outcome.values()));
        boolean mine = user.getName().equals(detail.summary().assignee());
        model.addAttribute("mine", mine);
        model.addAttribute(
                "colleagues", mine ? board.colleagues(taskId, user.getName(), CurrentUser.groups(user)) : List.of());
        return "task";
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, Authentication user, RedirectAttributes redirect) {
        return act(
                taskId,
                redirect,
                "You have claimed this task.",
                "redirect:/tasks/" + taskId,
                () -> board.claim(taskId, user.getName(), CurrentUser.groups(user)));
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    String unclaim(@PathVariable String taskId, Authentication user, RedirectAttributes redirect) {
        return act(
                taskId,
                redirect,
                "You gave this task back to its queue.",
                "redirect:/tasks/" + taskId,
                () -> board.unclaim(taskId, user.getName(), CurrentUser.groups(user)));
    }

    @PostMapping("/tasks/{taskId}/reassign")
    String reassign(
            @PathVariable String taskId,
            @RequestParam(required = false) String colleague,
            Authentication user,
            RedirectAttributes redirect) {
        return act(
                taskId,
                redirect,
                "You handed this task to " + colleague + ".",
                "redirect:/tasks",
                () -> board.reassign(taskId, user.getName(), CurrentUser.groups(user), colleague));
    }

    @PostMapping("/tasks/{taskId}/reply")
    String reply(
            @PathVariable String taskId,
            @RequestParam(required = false) String template,
            Authentication user,
            RedirectAttributes redirect) {
        if (template == null || template.isBlank()) {
            redirect.addFlashAttribute("error", "Choose a message to send.");
            return "redirect:/tasks/" + taskId;
        }
        return act(
                taskId,
                redirect,
                "Your message is on its way to the patient.",
                "redirect:/tasks/" + taskId,
                () -> board.reply(taskId, user.getName(), CurrentUser.groups(user), template));
    }

    @PostMapping("/tasks/{taskId}/write")
    String write(
            @PathVariable String taskId,
            @RequestParam(required = false) String words,
            Authentication user,
            RedirectAttributes redirect) {
        String written = words == null ? "" : words;
        if (written.isBlank()) {
            redirect.addFlashAttribute("error", "Write your message before sending it.");
            return "redirect:/tasks/" + taskId;
        }
        String then = act(
                taskId,
                redirect,
                "Your message is on its way to the patient.",
                "redirect:/tasks/" + taskId,
                () -> board.write(taskId, user.getName(), CurrentUser.groups(user), written));
        if (redirect.getFlashAttributes().containsKey("error")) {
            // what was typed is kept for another try
            redirect.addFlashAttribute("words", written);
        }
        return then;
    }

    /** A change to a task: its message on success, the refusal's reason otherwise; an unknown task is a 404. */
    private String act(String taskId, RedirectAttributes redirect, String done, String then, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
            return then;
        } catch (IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
        return "redirect:/tasks/" + taskId;
    }

    @PostMapping("/tasks/{taskId}/complete")
    String complete(
            @PathVariable String taskId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String note,
            Authentication user,
            RedirectAttributes redirect) {
        var chosen = HandoffBoard.Outcome.ofCode(outcome == null ? "" : outcome);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute(
                    "error",
                    "Choose an outcome: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(HandoffBoard.Outcome.values())
                                            .map(HandoffBoard.Outcome::label)
                                            .toList()));
            return "redirect:/tasks/" + taskId;
        }
        if (note != null && note.length() > MAX_NOTE) {
            redirect.addFlashAttribute("error", "The note is longer than " + MAX_NOTE + " characters.");
            return "redirect:/tasks/" + taskId;
        }
        try {
            board.complete(taskId, user.getName(), CurrentUser.groups(user), chosen.get(), note);
        } catch (IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/tasks/" + taskId;
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
        redirect.addFlashAttribute("message", "Task completed: " + chosen.get().label() + ".");
        return "redirect:/tasks";
    }

    @ResponseStatus(HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {
        NotFound() {
            super("No open task with that id in your groups");
        }
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute(
                "problem", "There is no open task with that id in your groups. It may have been completed already.");
        return "problem";
    }
}
