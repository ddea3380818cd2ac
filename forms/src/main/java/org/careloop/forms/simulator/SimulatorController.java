package org.careloop.forms.simulator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The demo's patient phones: read what CareLoop sent, and answer as the patient. */
@Controller
class SimulatorController {

    private static final int MAX_BODY = 1600;
    private static final int MAX_EMAIL = 4000;

    private final ObjectProvider<PhoneSimulator> simulator;
    private final ObjectProvider<MailboxSimulator> mailbox;

    SimulatorController(ObjectProvider<PhoneSimulator> simulator, ObjectProvider<MailboxSimulator> mailbox) {
        this.simulator = simulator;
        this.mailbox = mailbox;
    }

    private PhoneSimulator simulator() {
        PhoneSimulator available = simulator.getIfAvailable();
        if (available == null) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "The SMS simulator is on only with careloop.sms.provider=simulator");
        }
        return available;
    }

    @GetMapping("/simulator")
    String phones(Model model) {
        model.addAttribute("phones", simulator().phones());
        MailboxSimulator mail = mailbox.getIfAvailable();
        model.addAttribute("mailbox", mail != null);
        model.addAttribute("emails", mail == null ? java.util.List.of() : mail.emails());
        return "simulator";
    }

    @PostMapping("/simulator/reply")
    String reply(
            @RequestParam String number, @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        if (body.isBlank()) {
            // a phone sends no empty text
            redirect.addFlashAttribute("error", "Write a reply before sending it.");
        } else if (body.length() > MAX_BODY) {
            redirect.addFlashAttribute("error", "An SMS holds at most " + MAX_BODY + " characters.");
        } else {
            simulator().reply(number, body);
            redirect.addFlashAttribute("message", "Reply sent from " + number + ".");
        }
        return "redirect:/simulator";
    }

    @PostMapping("/simulator/email-reply")
    String emailReply(
            @RequestParam String email, @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        MailboxSimulator mail = mailbox.getIfAvailable();
        if (mail == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The mail simulator is on only in the demo");
        }
        if (body.isBlank()) {
            redirect.addFlashAttribute("error", "Write an answer before sending it.");
        } else if (body.length() > MAX_EMAIL) {
            redirect.addFlashAttribute("error", "The simulator sends answers of at most " + MAX_EMAIL + " characters.");
        } else if (!mail.reply(email, body)) {
            redirect.addFlashAttribute("error", "That email takes no answer.");
        } else {
            redirect.addFlashAttribute("message", "Answer sent to the replies mailbox.");
        }
        return "redirect:/simulator";
    }

    @PostMapping("/simulator/press")
    String press(@RequestParam String number, @RequestParam String key, RedirectAttributes redirect) {
        String keys = key.strip();
        if (!keys.matches("[0-9*]{1,12}")) {
            redirect.addFlashAttribute("error", "Press keys of the keypad: digits from 0 to 9, and * (at most 12).");
        } else if (!simulator().press(number, keys)) {
            redirect.addFlashAttribute("error", "No call on " + number + " waits for " + keys + ".");
        } else {
            redirect.addFlashAttribute("message", "Pressed " + keys + " on the call to " + number + ".");
        }
        return "redirect:/simulator";
    }

    @PostMapping("/simulator/hang-up")
    String hangUp(@RequestParam String number, RedirectAttributes redirect) {
        if (simulator().hangUp(number)) {
            redirect.addFlashAttribute("message", "Hung up the call to " + number + ".");
        } else {
            redirect.addFlashAttribute("error", "No call is in progress on " + number + ".");
        }
        return "redirect:/simulator";
    }
}
