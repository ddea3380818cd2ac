package org.careloop.forms.consents;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The consent desk, for the front desk and the care team: find the patient in front of you by medical record number,
 * see how they may be contacted (each channel for each purpose, and what decided it), and record what they tell you
 * ("text me about appointments", "no more calls") in their own words, with your name and the time as evidence. The
 * decision takes effect at once: what is queued on a revoked channel is withdrawn.
 */
@Controller
class ConsentDeskController {

    private static final String MRN = "[A-Za-z0-9\\-.]{1,64}";
    private static final String PATIENT_ID = "[A-Za-z0-9\\-.]{1,64}";

    private final ConsentDesk desk;

    ConsentDeskController(ConsentDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/consents")
    ModelAndView search(
            @RequestParam(name = "mrn", required = false) String mrn, Authentication user, HttpServletRequest request) {
        if (mrn == null || mrn.isBlank()) {
            return new ModelAndView("consents", Map.of("mrn", ""));
        }
        String wanted = mrn.strip();
        if (!wanted.matches(MRN)) {
            return new ModelAndView(
                    "consents",
                    Map.of("mrn", "", "problem", "A medical record number is at most 64 letters, digits, - and ."),
                    HttpStatus.BAD_REQUEST);
        }
        Optional<ConsentDesk.Patient> found = desk.findByMrn(wanted, user.getName(), request.getRemoteAddr());
        if (found.isEmpty()) {
            return new ModelAndView(
                    "consents",
                    Map.of("mrn", wanted, "problem", "No patient has the medical record number " + wanted + "."),
                    HttpStatus.NOT_FOUND);
        }
        return new ModelAndView("redirect:/consents/" + found.get().id());
    }

    @GetMapping("/consents/{patientId}")
    ModelAndView patient(@PathVariable String patientId, Authentication user, HttpServletRequest request, Model model) {
        Optional<ConsentDesk.Patient> patient = patientId.matches(PATIENT_ID)
                ? desk.find(patientId, user.getName(), request.getRemoteAddr())
                : Optional.empty();
        if (patient.isEmpty()) {
            return new ModelAndView("consents", Map.of("mrn", "", "problem", "No such patient."), HttpStatus.NOT_FOUND);
        }
        List<ConsentDesk.Decision> state = desk.state(patientId);
        model.addAttribute("patient", patient.get());
        model.addAttribute("channels", desk.channels());
        model.addAttribute("purposes", desk.purposes());
        Map<String, Map<String, ConsentDesk.Decision>> grid = new java.util.LinkedHashMap<>();
        state.forEach(d -> grid.computeIfAbsent(d.channel(), c -> new java.util.LinkedHashMap<>())
                .put(d.purpose(), d));
        model.addAttribute("grid", grid);
        model.addAttribute("history", desk.history(patientId));
        return new ModelAndView("consent-patient", model.asMap());
    }

    @PostMapping("/consents/{patientId}")
    String record(
            @PathVariable String patientId,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "purpose", required = false) String purpose,
            @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "words", required = false) String words,
            Authentication user,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (!patientId.matches(PATIENT_ID)
                || desk.find(patientId, user.getName(), request.getRemoteAddr()).isEmpty()) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient");
        }
        String problem = !desk.channels().contains(channel)
                ? "Choose a channel."
                : !desk.purposes().contains(purpose)
                        ? "Choose a purpose."
                        : !"permit".equals(decision) && !"deny".equals(decision)
                                ? "Choose whether the patient agrees or refuses."
                                : words == null || words.isBlank()
                                        ? "Write what the patient said, in their words: it is the evidence."
                                        : words.length() > 1600
                                                ? "The patient's words are at most 1,600 characters."
                                                : null;
        if (problem != null) {
            redirect.addFlashAttribute("problem", problem);
            redirect.addFlashAttribute("words", words == null ? "" : words);
            return "redirect:/consents/" + patientId;
        }
        desk.record(
                patientId,
                channel,
                purpose,
                "permit".equals(decision),
                words.strip(),
                user.getName(),
                request.getRemoteAddr());
        redirect.addFlashAttribute(
                "recorded",
                ("permit".equals(decision) ? "Recorded: the patient agrees to " : "Recorded: the patient refuses ")
                        + describe(channel, purpose) + ".");
        return "redirect:/consents/" + patientId;
    }

    static String describe(String channel, String purpose) {
        String how = "all".equals(channel) ? "every channel" : channel;
        String why = "all".equals(purpose) ? "every purpose" : purpose;
        return how + " for " + why;
    }
}
