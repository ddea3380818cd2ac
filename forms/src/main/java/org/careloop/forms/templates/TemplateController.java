package org.careloop.forms.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careloop.forms.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The template pages: every patient message in use with its length in SMS segments, the drafts waiting for a
 * clinical reviewer, and an editor that drafts a new version (any language) and counts its segments as one types.
 * Analysts and clinical reviewers draft; only a clinical reviewer approves, and not their own draft.
 */
@Controller
class TemplateController {

    static final String REVIEWER = "clinical-reviewer";

    private final TemplateReview review;

    TemplateController(TemplateReview review) {
        this.review = review;
    }

    @GetMapping("/templates")
    String list(Authentication user, Model model) {
        Map<TemplateReview.Current, SmsSegments> inUse = new LinkedHashMap<>();
        review.inUse().forEach(c -> inUse.put(c, SmsSegments.of(c.preview())));
        Map<TemplateReview.Version, SmsSegments> waiting = new LinkedHashMap<>();
        review.waiting().forEach(v -> waiting.put(v, SmsSegments.of(v.preview())));
        model.addAttribute("inUse", inUse);
        model.addAttribute("waiting", waiting);
        model.addAttribute("canReview", CurrentUser.groups(user).contains(REVIEWER));
        model.addAttribute("me", user.getName());
        return "message-templates";
    }

    @GetMapping("/templates/edit")
    String edit(
            @RequestParam("template") String templateId,
            @RequestParam(name = "language", defaultValue = "en") String language,
            @RequestParam(name = "department", defaultValue = "") String department,
            Authentication user,
            Model model) {
        if (!review.templateIds().contains(templateId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such template");
        }
        TemplateReview.Current current = review.inUse().stream()
                .filter(c -> c.templateId().equals(templateId)
                        && c.language().equals(language)
                        && c.department().equals(department))
                .findFirst()
                .orElse(null);
        TemplateReview.Current english = review.inUse().stream()
                .filter(c -> c.templateId().equals(templateId)
                        && c.language().equals("en")
                        && c.department().isEmpty())
                .findFirst()
                .orElse(null);
        List<TemplateReview.Version> history = review.history(templateId, language, department);
        Map<TemplateReview.Version, SmsSegments> versions = new LinkedHashMap<>();
        history.forEach(v -> versions.put(v, SmsSegments.of(v.preview())));
        model.addAttribute("templateId", templateId);
        model.addAttribute("language", language);
        model.addAttribute("department", department);
        model.addAttribute("departments", review.departments());
        model.addAttribute("current", current);
        model.addAttribute("english", english);
        model.addAttribute("currentSegments", current == null ? null : SmsSegments.of(current.preview()));
        model.addAttribute("versions", versions);
        model.addAttribute("canReview", CurrentUser.groups(user).contains(REVIEWER));
        model.addAttribute("me", user.getName());
        // what {organisation}, {helpLine} and {when} become for this department, for the live count
        model.addAttribute("organisation", review.preview("{organisation}", language, department));
        model.addAttribute("helpLine", review.preview("{helpLine}", language, department));
        model.addAttribute("when", review.preview("{when}", language, department));
        if (!model.containsAttribute("text")) {
            model.addAttribute("text", current == null ? (english == null ? "" : english.text()) : current.text());
        }
        return "message-template";
    }

    @PostMapping("/templates/drafts")
    String draft(
            @RequestParam("template") String templateId,
            @RequestParam(name = "language", defaultValue = "") String language,
            @RequestParam(name = "department", defaultValue = "") String department,
            @RequestParam(name = "text", defaultValue = "") String text,
            Authentication user,
            RedirectAttributes redirect) {
        TemplateReview.Outcome outcome = review.draft(templateId, language.strip(), department, text, user.getName());
        flash(outcome, redirect);
        if (outcome.refused()) {
            redirect.addFlashAttribute("text", text);
            if (!review.templateIds().contains(templateId) || !language.strip().matches("[a-z]{2,3}")) {
                return "redirect:/templates";
            }
        }
        return "redirect:" + editPath(templateId, language.strip(), department);
    }

    @PostMapping("/templates/versions/{id}/approve")
    String approve(@PathVariable("id") String id, Authentication user, RedirectAttributes redirect) {
        flash(review.approve(id, user.getName()), redirect);
        return "redirect:/templates";
    }

    @PostMapping("/templates/versions/{id}/retire")
    String retire(
            @PathVariable("id") String id,
            @RequestParam(name = "note", defaultValue = "") String note,
            Authentication user,
            RedirectAttributes redirect) {
        flash(review.retire(id, user.getName(), note.strip()), redirect);
        return "redirect:/templates";
    }

    private static void flash(TemplateReview.Outcome outcome, RedirectAttributes redirect) {
        redirect.addFlashAttribute(outcome.refused() ? "error" : "message", outcome.message());
    }

    static String editPath(String templateId, String language, String department) {
        return UriComponentsBuilder.fromPath("/templates/edit")
                .queryParam("template", templateId)
                .queryParam("language", language)
                .queryParam("department", department)
                .encode()
                .build()
                .toUriString();
    }
}
