package org.careloop.forms.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The auditor's page: the audit trail of access to patients' information, searched by patient, user and time (UTC
 * days), and a check of its hash chain. Only the {@code auditor} role opens it.
 */
@Controller
class AuditController {

    static final int SHOWN = 200;

    private final AuditReview review;

    AuditController(AuditReview review) {
        this.review = review;
    }

    @GetMapping("/audit")
    String search(
            @RequestParam(name = "patient", required = false) String patient,
            @RequestParam(name = "user", required = false) String user,
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication auditor,
            Model model) {
        String patientId = blankToNull(patient);
        String userName = blankToNull(user);
        if (patientId != null && !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "A patient id is at most 64 letters, digits, - and .");
        }
        if (userName != null && userName.length() > 100) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A user name is at most 100 characters");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The last day is before the first");
        }
        var criteria = new AuditReview.Criteria(
                patientId,
                userName,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        var entries = review.search(criteria, SHOWN + 1, auditor.getName());
        model.addAttribute("entries", entries.size() > SHOWN ? entries.subList(0, SHOWN) : entries);
        model.addAttribute("more", entries.size() > SHOWN);
        model.addAttribute("shown", SHOWN);
        model.addAttribute("patient", patientId == null ? "" : patientId);
        model.addAttribute("user", userName == null ? "" : userName);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit";
    }

    @PostMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("check", review.verify());
        return "audit-verify";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
