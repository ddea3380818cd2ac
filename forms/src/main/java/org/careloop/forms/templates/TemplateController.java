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
        model.addAttribute("inUse", withLength(review.inUse(), TemplateReview.Current::preview));
        model.addAttribute("waiting", withLength(review.waiting(), TemplateReview.Version::preview));
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
        List<TemplateReview.Current> inUse = review.inUse();
        TemplateReview.Current current = inUseFor(inUse, templateId, language, department);
        TemplateReview.Current english = inUseFor(inUse, templateId, "en", "");
        model.addAttribute("templateId", templateId);
        model.addAttribute("language", language);
        model.addAttribute("department", department);
        model.addAttribute("departments", review.departments());
        model.addAttribute("current", current);
        model.addAttribute("english", english);
        model.addAttribute("currentSegments", current == null ? null : SmsSegments.of(current.preview()));
        model.addAttribute(
                "versions",
                withLength(review.history(templateId, language, department), TemplateReview.Version::preview));
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

    /** Each text, in order, with its length as a text message once the department's values are filled in. */
    private static <T> Map<T, SmsSegments> withLength(List<T> texts, java.util.function.Function<T, String> preview) {
        Map<T, SmsSegments> lengths = new LinkedHashMap<>();
        texts.forEach(t -> lengths.put(t, SmsSegments.of(preview.apply(t))));
        return lengths;
    }

    private static TemplateReview.Current inUseFor(
            List<TemplateReview.Current> inUse, String templateId, String language, String department) {
        return inUse.stream()
                .filter(c -> c.templateId().equals(templateId)
                        && c.language().equals(language)
                        && c.department().equals(department))
                .findFirst()
                .orElse(null);
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
