package org.careloop.forms.emergency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.careloop.forms.CurrentUser;
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
 * Emergency access for the clinical teams: a patient outside one's queues, opened at once by medical record number and
 * a stated reason, for a limited time; the patient's page (for the patients in one's queues too); and the auditors'
 * review of every emergency access.
 */
@Controller
class EmergencyAccessController {

    private static final String PATIENT_ID = "[A-Za-z0-9\\-.]{1,64}";

    private final EmergencyAccess access;

    EmergencyAccessController(EmergencyAccess access) {
        this.access = access;
    }

    @GetMapping("/emergency-access")
    ModelAndView form() {
        return page("", "", null, HttpStatus.OK);
    }

    @PostMapping("/emergency-access")
    ModelAndView open(
            @RequestParam(name = "mrn", required = false) String mrn,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication user,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            EmergencyAccess.Grant grant =
                    access.open(mrn, reason, user.getName(), CurrentUser.groups(user), request.getRemoteAddr());
            redirect.addFlashAttribute(
                    "message", "Emergency access opened. It is recorded with your reason and will be reviewed.");
            return new ModelAndView("redirect:/patients/" + grant.patientId());
        } catch (EmergencyAccess.Refused refused) {
            // the form again, with what was typed and why nothing was opened
            return page(mrn, reason, refused.getMessage(), HttpStatus.BAD_REQUEST);
        }
    }

    @GetMapping("/patients/{patientId}")
    ModelAndView patient(@PathVariable String patientId, Authentication user, HttpServletRequest request) {
        return (patientId.matches(PATIENT_ID)
                        ? access.record(patientId, user.getName(), CurrentUser.groups(user), request.getRemoteAddr())
                        : java.util.Optional.<EmergencyAccess.PatientRecord>empty())
                .map(record -> new ModelAndView("patient", Map.of("record", record)))
                .orElseGet(() -> page(
                        "",
                        "",
                        "This patient is not in your queues. If you must read their record now, open it with emergency "
                                + "access below.",
                        HttpStatus.FORBIDDEN));
    }

    @GetMapping("/audit/emergency")
    ModelAndView review(Authentication auditor) {
        return new ModelAndView(
                "audit-emergency",
                Map.of("grants", access.reviewed(auditor.getName()), "days", EmergencyAccess.REVIEWED.toDays()));
    }

    private ModelAndView page(String mrn, String reason, String problem, HttpStatus status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("mrn", mrn == null ? "" : mrn.length() > 64 ? mrn.substring(0, 64) : mrn);
        model.put("reason", reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        model.put("minutes", access.lasts().toMinutes());
        if (problem != null) {
            model.put("problem", problem);
        }
        return new ModelAndView("emergency-access", model, status);
    }
}
