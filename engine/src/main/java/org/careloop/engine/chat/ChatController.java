package org.careloop.engine.chat;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.careloop.engine.config.ChatProperties;
import org.careloop.engine.conversation.ReplyService;
import org.careloop.engine.departments.Departments;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outreach.ChatLinks;
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
 * and how to reach a person. Nothing personal shows, and nothing can be written, until the patient has confirmed who
 * they are in this browser session ({@link PatientIdentity}: date of birth, then a code texted to the mobile on file).
 */
@Controller
class ChatController {

    static final int MAX_LENGTH = 1600;
    static final int SHOWN = 50;
    /** The states of a message the patient has received. */
    private static final java.util.Set<String> RECEIVED = java.util.Set.of("SENT", "DELIVERED", "UNKNOWN");

    private final ChatProperties properties;
    private final ChatLinks links;
    private final ReplyService replies;
    private final MessageLedger ledger;
    private final PatientDirectory patients;
    private final MessageTemplates templates;
    private final Departments departments;
    private final LiveChats live;
    private final PatientIdentity identity;
    private final org.careloop.engine.outreach.ChannelPreferences preferences;

    /** The session attribute holding the patients whose identity this browser session confirmed. */
    static final String CONFIRMED = "careloop.chat.confirmed";
    /** The session attribute naming the patient a code was texted to from this session. */
    static final String CODE_SENT = "careloop.chat.codeSent";

    ChatController(
            ChatProperties properties,
            ChatLinks links,
            ReplyService replies,
            MessageLedger ledger,
            PatientDirectory patients,
            MessageTemplates templates,
            Departments departments,
            LiveChats live,
            PatientIdentity identity,
            org.careloop.engine.outreach.ChannelPreferences preferences) {
        this.preferences = preferences;
        this.properties = properties;
        this.links = links;
        this.replies = replies;
        this.ledger = ledger;
        this.patients = patients;
        this.templates = templates;
        this.departments = departments;
        this.live = live;
        this.identity = identity;
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

    private static boolean confirmed(HttpSession session, String patientId) {
        return session != null
                && session.getAttribute(CONFIRMED) instanceof java.util.Set<?> confirmed
                && confirmed.contains(patientId);
    }

    /** The patient of a link, once this session has confirmed who they are; 403 before. */
    private String confirmedPatientOf(String token, HttpSession session) {
        String patientId = patientOf(token);
        if (!confirmed(session, patientId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Confirm who you are on the chat page first");
        }
        return patientId;
    }

    @GetMapping("/chat/{token}")
    String page(@PathVariable String token, Model model, HttpSession session) {
        String patientId = patientOf(token);
        Optional<PatientSummary> patient = patients.find(patientId);
        if (patient.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such chat");
        }
        String language = MessageTemplates.primary(patient.get().language());
        model.addAttribute("token", token);
        model.addAttribute("language", language);
        model.addAttribute(
                "disclosure", templates.render("chat-disclosure", language, null, departments.of(patient.get())));
        if (!confirmed(session, patientId)) {
            model.addAttribute("codeSent", patientId.equals(session.getAttribute(CODE_SENT)));
            return "chat-identity";
        }
        // what the patient got (never what was held back, refused or is still waiting), and what they wrote
        List<Line> lines = ledger.transcript(patientId, SHOWN).stream()
                .filter(e -> !e.outbound() || RECEIVED.contains(e.status()))
                // the notice that a message waits here is about the chat, not part of it
                .filter(e -> !"chat-notice".equals(e.templateId()))
                .map(e -> new Line(e.at(), !e.outbound(), e.body()))
                .toList();
        ledger.readInChat(patientId);
        model.addAttribute("lines", lines);
        model.addAttribute("prefersChat", preferences.prefersChat(patientId));
        return "chat";
    }

    @PostMapping("/chat/{token}/identity/birth-date")
    String birthDate(
            @PathVariable String token,
            @RequestParam(name = "birthDate", defaultValue = "") String birthDate,
            HttpSession session,
            RedirectAttributes redirect) {
        String patientId = patientOf(token);
        java.time.LocalDate given;
        try {
            given = java.time.LocalDate.parse(birthDate.strip());
        } catch (java.time.format.DateTimeParseException e) {
            redirect.addFlashAttribute("error", "Enter your date of birth.");
            return "redirect:/chat/" + token;
        }
        PatientIdentity.Outcome outcome = identity.birthDate(patientId, given);
        if (outcome == PatientIdentity.Outcome.CODE_SENT) {
            session.setAttribute(CODE_SENT, patientId);
            redirect.addFlashAttribute("message", "We texted a code to the mobile phone we have on file for you.");
        } else {
            redirect.addFlashAttribute("error", say(outcome));
        }
        return "redirect:/chat/" + token;
    }

    @PostMapping("/chat/{token}/identity/code")
    String code(
            @PathVariable String token,
            @RequestParam(name = "code", defaultValue = "") String code,
            jakarta.servlet.http.HttpServletRequest request,
            RedirectAttributes redirect) {
        String patientId = patientOf(token);
        HttpSession session = request.getSession();
        if (!patientId.equals(session.getAttribute(CODE_SENT))) {
            redirect.addFlashAttribute("error", "Enter your date of birth first.");
            return "redirect:/chat/" + token;
        }
        PatientIdentity.Outcome outcome = identity.code(patientId, code);
        if (outcome == PatientIdentity.Outcome.CONFIRMED) {
            // a new session id once the patient is known: a session id seen before cannot be used to read the chat
            request.changeSessionId();
            session.removeAttribute(CODE_SENT);
            java.util.Set<String> confirmed = new java.util.HashSet<>();
            if (session.getAttribute(CONFIRMED) instanceof java.util.Set<?> before) {
                before.forEach(p -> confirmed.add(String.valueOf(p)));
            }
            confirmed.add(patientId);
            session.setAttribute(CONFIRMED, confirmed);
        } else {
            if (outcome == PatientIdentity.Outcome.LOCKED || outcome == PatientIdentity.Outcome.CODE_ENDED) {
                session.removeAttribute(CODE_SENT);
            }
            redirect.addFlashAttribute("error", say(outcome));
        }
        return "redirect:/chat/" + token;
    }

    private static String say(PatientIdentity.Outcome outcome) {
        return switch (outcome) {
            case WRONG -> "That does not match what we have on file. Please try again.";
            case LOCKED ->
                "Too many tries. For your safety, the chat is locked for " + PatientIdentity.LOCKED_FOR.toMinutes()
                        + " minutes. To talk to a person, call us.";
            case CODE_ENDED -> "That code has ended. Enter your date of birth to get a new one.";
            case TOO_MANY_CODES ->
                "We have sent several codes in the last hour. Please use the latest one, or try " + "again later.";
            case CANNOT_TEXT ->
                "We cannot text a code to a mobile phone on file for you. To talk to a person, call us.";
            case CODE_SENT, CONFIRMED -> "";
        };
    }

    @PostMapping("/chat/{token}/messages")
    String write(
            @PathVariable String token,
            @RequestParam(name = "text", defaultValue = "") String text,
            HttpSession session,
            RedirectAttributes redirect) {
        String patientId = confirmedPatientOf(token, session);
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

    @PostMapping("/chat/{token}/preference")
    String preference(
            @PathVariable String token,
            @RequestParam(name = "channel", defaultValue = "") String channel,
            HttpSession session,
            RedirectAttributes redirect) {
        String patientId = confirmedPatientOf(token, session);
        if (!channel.equals("chat") && !channel.equals("usual")) {
            redirect.addFlashAttribute("error", "Choose where your messages should go.");
            return "redirect:/chat/" + token;
        }
        boolean toChat = channel.equals("chat");
        preferences.chooseChat(patientId, toChat, "web chat");
        redirect.addFlashAttribute(
                "message",
                toChat
                        ? "Your care team's messages will come to this chat. We will send you a short note with a link "
                                + "when one is waiting."
                        : "Your care team's messages will come by text or email again.");
        return "redirect:/chat/" + token;
    }

    @GetMapping(path = "/chat/{token}/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter events(@PathVariable String token, HttpSession session) throws IOException {
        return live.listen(confirmedPatientOf(token, session));
    }
}
