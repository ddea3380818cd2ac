package org.careloop.forms.consents;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
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
    ModelAndView patient(@PathVariable String patientId, Authentication user, HttpServletRequest request) {
        return find(patientId, user, request)
                .map(patient -> page(patient, null, null, HttpStatus.OK))
                .orElseGet(ConsentDeskController::noSuchPatient);
    }

    @PostMapping("/consents/{patientId}")
    ModelAndView record(
            @PathVariable String patientId,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "purpose", required = false) String purpose,
            @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "words", required = false) String words,
            Authentication user,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Optional<ConsentDesk.Patient> patient = find(patientId, user, request);
        if (patient.isEmpty()) {
            return noSuchPatient();
        }
        String problem = problem(channel, purpose, decision, words);
        if (problem != null) {
            // the page again, with what was typed and why nothing was recorded
            return page(patient.get(), problem, words, HttpStatus.BAD_REQUEST);
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
        return new ModelAndView("redirect:/consents/" + patientId);
    }

    private Optional<ConsentDesk.Patient> find(String patientId, Authentication user, HttpServletRequest request) {
        return patientId.matches(PATIENT_ID)
                ? desk.find(patientId, user.getName(), request.getRemoteAddr())
                : Optional.empty();
    }

    private static ModelAndView noSuchPatient() {
        return new ModelAndView("consents", Map.of("mrn", "", "problem", "No such patient."), HttpStatus.NOT_FOUND);
    }

    /** The patient's page: consent per channel and purpose, the form, and the history. */
    private ModelAndView page(ConsentDesk.Patient patient, String problem, String words, HttpStatus status) {
        Map<String, Map<String, ConsentDesk.Decision>> grid = new LinkedHashMap<>();
        desk.state(patient.id())
                .forEach(d -> grid.computeIfAbsent(d.channel(), c -> new LinkedHashMap<>())
                        .put(d.purpose(), d));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("patient", patient);
        model.put("channels", desk.channels());
        model.put("purposes", desk.purposes());
        model.put("grid", grid);
        model.put("history", desk.history(patient.id()));
        if (problem != null) {
            model.put("problem", problem);
            model.put("words", words == null ? "" : words);
        }
        return new ModelAndView("consent-patient", model, status);
    }

    /** Why a decision cannot be recorded as sent, or null when it can. */
    private String problem(String channel, String purpose, String decision, String words) {
        if (!desk.channels().contains(channel)) {
            return "Choose a channel.";
        }
        if (!desk.purposes().contains(purpose)) {
            return "Choose a purpose.";
        }
        if (!"permit".equals(decision) && !"deny".equals(decision)) {
            return "Choose whether the patient agrees or refuses.";
        }
        if (words == null || words.isBlank()) {
            return "Write what the patient said, in their words: it is the evidence.";
        }
        return words.length() > 1600 ? "The patient's words are at most 1,600 characters." : null;
    }

    static String describe(String channel, String purpose) {
        String how = "all".equals(channel) ? "every channel" : channel;
        String why = "all".equals(purpose) ? "every purpose" : purpose;
        return how + " for " + why;
    }
}
