package org.careloop.engine.chat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.careloop.engine.config.ChatProperties;
import org.careloop.engine.conversation.ChatLinks;
import org.careloop.engine.conversation.ReplyService;
import org.careloop.engine.departments.Departments;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.MessageTemplates;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's web chat, reached through a signed link that expires (no account, no password): the conversation
 * with CareLoop on every channel, a box to write in, and new messages as they come (server-sent events). What the
 * patient writes is read like a text; the answer appears here. The page says first that it is an automated service
 * and how to reach a person.
 */
@Controller
class ChatController {

    static final int MAX_LENGTH = 1600;
    static final int SHOWN = 50;

    private final ChatProperties properties;
    private final ChatLinks links;
    private final ReplyService replies;
    private final MessageLedger ledger;
    private final PatientDirectory patients;
    private final MessageTemplates templates;
    private final Departments departments;
    private final LiveChats live;

    ChatController(
            ChatProperties properties,
            ChatLinks links,
            ReplyService replies,
            MessageLedger ledger,
            PatientDirectory patients,
            MessageTemplates templates,
            Departments departments,
            LiveChats live) {
        this.properties = properties;
        this.links = links;
        this.replies = replies;
        this.ledger = ledger;
        this.patients = patients;
        this.templates = templates;
        this.departments = departments;
        this.live = live;
    }

    /** One line of the conversation as the patient sees it. */
    record Line(java.time.Instant at, boolean mine, String text) {}

    /** The patient a link opens, or why it opens nothing: 404 unknown, 410 ended. */
    private String patientOf(String token) {
        if (!properties.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Web chat is off");
        }
        ChatLinks.Access access =
                links.read(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such chat"));
        if (access.ended()) {
            throw new ResponseStatusException(HttpStatus.GONE, "This chat link has ended: text CHAT for a new one");
        }
        return access.patientId();
    }

    @GetMapping("/chat/{token}")
    String page(@PathVariable String token, Model model) {
        String patientId = patientOf(token);
        Optional<PatientSummary> patient = patients.find(patientId);
        if (patient.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such chat");
        }
        String language = MessageTemplates.primary(patient.get().language());
        List<Line> lines = ledger.transcript(patientId, SHOWN).stream()
                .map(e -> new Line(e.at(), !e.outbound(), e.body()))
                .toList();
        model.addAttribute("lines", lines);
        model.addAttribute("token", token);
        model.addAttribute("language", language);
        model.addAttribute(
                "disclosure", templates.render("chat-disclosure", language, null, departments.of(patient.get())));
        return "chat";
    }

    @PostMapping("/chat/{token}/messages")
    String write(
            @PathVariable String token,
            @RequestParam(name = "text", defaultValue = "") String text,
            RedirectAttributes redirect) {
        String patientId = patientOf(token);
        String message = text.strip();
        if (message.isEmpty()) {
            redirect.addFlashAttribute("error", "Write a message before sending it.");
        } else if (message.length() > MAX_LENGTH) {
            redirect.addFlashAttribute("error", "A message holds at most " + MAX_LENGTH + " characters.");
            redirect.addFlashAttribute("text", message.substring(0, MAX_LENGTH));
        } else {
            replies.receiveChat(patientId, message);
        }
        return "redirect:/chat/" + token;
    }

    @GetMapping(path = "/chat/{token}/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter events(@PathVariable String token) throws IOException {
        return live.listen(patientOf(token));
    }
}
