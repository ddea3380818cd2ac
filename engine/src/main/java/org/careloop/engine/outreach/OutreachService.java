package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one way a message reaches a patient: opt-out check, contact validation, approved template in the
 * patient's language, the earliest time it may go (sending hours, frequency caps), then a row in {@code
 * outbound_message} and an outbox event in the caller's transaction. The channel adapter sends it after the commit.
 */
@Service
public class OutreachService {

    private static final Logger log = LoggerFactory.getLogger(OutreachService.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final PatientDirectory patients;
    private final MessageLedger ledger;
    private final org.careloop.engine.departments.Departments departments;
    private final OutreachProperties properties;
    private final org.careloop.engine.contact.InvalidContacts contacts;
    private final SendingSchedule schedule;
    private final org.careloop.engine.consent.ConsentVault consents;
    private final org.careloop.engine.config.EmailProperties email;
    private final SenderPool senders;
    private final org.careloop.engine.config.VoiceProperties voice;
    private final org.careloop.engine.contact.LineTypes lineTypes;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    private final ChannelPreferences preferences;
    private final ChatLinks chatLinks;
    private final org.careloop.engine.config.ChatProperties chat;
    private final org.careloop.engine.config.CareLoopProperties careloop;

    OutreachService(
            ChannelPreferences preferences,
            ChatLinks chatLinks,
            org.careloop.engine.config.ChatProperties chat,
            org.careloop.engine.config.CareLoopProperties careloop,
            org.careloop.engine.contact.LineTypes lineTypes,
            org.careloop.engine.config.VoiceProperties voice,
            SenderPool senders,
            org.careloop.engine.config.EmailProperties email,
            org.careloop.engine.consent.ConsentVault consents,
            SendingSchedule schedule,
            org.careloop.engine.contact.InvalidContacts contacts,
            org.careloop.engine.departments.Departments departments,
            OutreachProperties properties,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            Outbox outbox,
            MessageTemplates templates,
            PatientDirectory patients,
            MessageLedger ledger,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.preferences = preferences;
        this.chatLinks = chatLinks;
        this.chat = chat;
        this.careloop = careloop;
        this.cipher = cipher;
        this.lineTypes = lineTypes;
        this.voice = voice;
        this.senders = senders;
        this.email = email;
        this.consents = consents;
        this.ledger = ledger;
        this.departments = departments;
        this.schedule = schedule;
        this.contacts = contacts;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.patients = patients;
    }

    /** What became of a request: queued for sending, or held back and why. */
    public enum Result {
        QUEUED,
        OPTED_OUT,
        /** The consent vault holds no permission for this channel and the message's purpose. */
        NO_CONSENT,
        NO_VALID_MOBILE,
        UNKNOWN_PATIENT
    }

    public Result send(OutreachRequest request) {
        Optional<PatientSummary> found = patients.find(request.patientId());
        if (found.isEmpty()) {
            log.warn("Outreach {} not sent: patient {} not found", request.templateId(), request.patientId());
            return Result.UNKNOWN_PATIENT;
        }
        PatientSummary patient = found.get();
        var department = departments.of(patient);
        var composed = templates.compose(request.templateId(), patient.language(), request.when(), department);
        // a one-time code goes in the text itself (and, as every text, in the ledger of what was sent)
        String body = request.code() == null ? composed.text() : composed.text().replace("{code}", request.code());
        if (body.contains("{link}") && ChatPostings.NOTICE.equals(request.templateId())) {
            // the notice of a message waiting in the web chat carries a fresh signed link to it
            body = body.replace("{link}", careloop.url("/chat/" + chatLinks.token(request.patientId())));
        }
        // a clinician's own words go in their approved frame, last, as written (braces in them stay braces)
        if (request.words() != null) {
            body = body.replace("{words}", request.words());
        }
        // a one-time code, like an answer, goes at once and only by text to the mobile on file
        boolean immediate = request.inResponseTo() != null || request.code() != null;
        // no approved text in the patient's language: English goes, and the message says the patient needs an
        // interpreter (staff see it on the patient's tasks)
        String wanted = MessageTemplates.primary(patient.language());
        String interpreterFor = wanted.equals(composed.language()) ? null : wanted;
        boolean confirmsOptOut = "opt-out-confirmation".equals(request.templateId());
        var purpose = request.purpose() != null ? request.purpose() : ContactPurpose.ofProgram(request.program());
        // the channels in the patient's order of preference; the first that is valid and permitted carries it. An
        // answer goes back the way the patient wrote: a text by text, the web chat to the chat, an email by email (by
        // text where the address cannot take it); a key pressed on a call, heard answered on the call, by text or email
        String answers = request.inResponseTo() == null
                ? null
                : jdbc
                        .queryForList(
                                "select channel from inbound_message where id = ?",
                                String.class,
                                request.inResponseTo())
                        .stream()
                        .findFirst()
                        .orElse(null);
        List<ContactChannel> order =
                new ArrayList<>(List.of("chat".equals(answers) ? ContactChannel.CHAT : ContactChannel.SMS));
        if (email.enabled() && ("email".equals(answers) || "voice".equals(answers))) {
            order.add("email".equals(answers) ? 0 : 1, ContactChannel.EMAIL);
        }
        if (email.enabled() && !immediate && !confirmsOptOut) {
            order.add(patient.prefersEmail() ? 0 : 1, ContactChannel.EMAIL);
        }
        // a call only for a message with an approved voice script (its words and keys on a call)
        String script = MessageTemplates.voiceScript(request.templateId());
        if (voice.enabled() && !immediate && !confirmsOptOut && templates.exists(script)) {
            order.add(patient.prefersVoice() ? 0 : order.size(), ContactChannel.VOICE);
        }
        // a patient who asked for their messages in the web chat gets a program's message there (and a notice)
        if (chat.enabled()
                && !immediate
                && !confirmsOptOut
                && !ChatPostings.NOTICE.equals(request.templateId())
                && preferences.prefersChat(patient.id())) {
            order.add(0, ContactChannel.CHAT);
        }
        // the channel the program's step prefers goes first, where it is one this message may take at all
        if (request.channel() != null && !immediate && order.remove(request.channel())) {
            order.add(0, request.channel());
        }
        Refusal firstRefusal = null;
        ContactChannel channel = null;
        for (ContactChannel candidate : order) {
            Refusal refusal = refusal(patient, candidate, purpose, confirmsOptOut);
            if (refusal == null) {
                channel = candidate;
                break;
            }
            if (firstRefusal == null) {
                firstRefusal = refusal;
            }
        }
        if (channel == null) {
            boolean heardOnTheCall = "voice".equals(answers) && !confirmsOptOut;
            ledger.outboundChanged(record(
                    request,
                    firstRefusal.channel(),
                    firstRefusal.to(),
                    null,
                    body,
                    heardOnTheCall ? "SUPPRESSED" : firstRefusal.status(),
                    heardOnTheCall
                            ? "Answered on the call; not written: " + firstRefusal.detail()
                            : firstRefusal.detail()));
            return firstRefusal.result();
        }
        String to = address(patient, channel);
        if (channel == ContactChannel.CHAT && "chat".equals(answers)) {
            // shown in the patient's chat at once: no provider, nothing to wait for
            String id = record(
                    request, channel.code(), to, null, null, body, "SENT", null, clock.instant(), interpreterFor);
            ledger.outboundChanged(id);
            log.info(
                    "Outreach {} answered in the chat as message {} for patient {}",
                    request.templateId(),
                    id,
                    request.patientId());
            return Result.QUEUED;
        }
        if (channel == ContactChannel.VOICE) {
            // the script says itself that the call is automated, and how to reach a person
            var spoken = templates.compose(script, patient.language(), request.when(), department);
            body = spoken.text();
            interpreterFor = wanted.equals(spoken.language()) ? null : wanted;
        } else if (channel != ContactChannel.CHAT && isFirstContact(to)) {
            String intro = channel == ContactChannel.EMAIL ? "email-intro" : "intro";
            var introduction = templates.compose(intro, patient.language(), null, department);
            body = introduction.text() + "\n" + body;
            if (!wanted.equals(introduction.language())) {
                interpreterFor = wanted;
            }
        }
        String failover = firstRefusal == null ? "" : "By " + channel.code() + ": " + firstRefusal.detail() + ". ";
        // a program's message waits for the patient's sending hours and the program's caps; an answer to what the
        // patient wrote does not
        java.time.Instant now = clock.instant();
        var hours = properties.sendingWindow().within(department.hours());
        java.time.ZoneId zone = patient.zone() == null ? properties.timeZone() : patient.zone();
        java.time.Instant notBefore = immediate
                ? now
                : schedule.earliest(request.patientId(), request.program(), now, t -> hours.earliest(t, zone));
        String why = notBefore.equals(hours.earliest(now, zone))
                ? "quiet hours in the patient's time zone"
                : "the program's limit of messages a day or a week to one patient";
        String detail = failover + (notBefore.isAfter(now) ? "Deferred to " + notBefore + ": " + why : "");
        String id = record(
                request,
                channel.code(),
                to,
                channel == ContactChannel.EMAIL || channel == ContactChannel.CHAT
                        ? null
                        : senders.senderFor(department, request.patientId()),
                channel == ContactChannel.EMAIL
                        ? templates.render("email-subject", patient.language(), null, department)
                        : null,
                body,
                "QUEUED",
                detail.isBlank() ? null : detail.strip(),
                notBefore,
                interpreterFor);
        if (channel == ContactChannel.EMAIL) {
            outbox.enqueue(new EmailRequested(id, cipher.index(to)), notBefore);
        } else if (channel == ContactChannel.VOICE) {
            outbox.enqueue(new CallRequested(id, cipher.index(to)), notBefore);
        } else if (channel == ContactChannel.CHAT) {
            outbox.enqueue(new ChatPosted(id), notBefore);
        } else {
            outbox.enqueue(SendRequested.of(id, cipher.index(to), immediate), notBefore);
        }
        if (interpreterFor != null) {
            log.info(
                    "Outreach {} for patient {} goes in English: no approved translation in {}; interpreter flagged",
                    request.templateId(),
                    request.patientId(),
                    interpreterFor);
        }
        if (notBefore.isAfter(now)) {
            log.info("Outreach {} for patient {} deferred to {}", request.templateId(), request.patientId(), notBefore);
        }
        log.info("Outreach {} queued as message {} for patient {}", request.templateId(), id, request.patientId());
        return Result.QUEUED;
    }

    public boolean isOptedOut(String phoneNumber) {
        return jdbc.queryForObject(
                        "select count(*) from sms_opt_out where number_index = ?",
                        Integer.class,
                        cipher.index(phoneNumber))
                > 0;
    }

    /** What stands for the patient's address on messages shown in the web chat. */
    public static final String CHAT_ADDRESS = "web-chat";

    /** Where a channel reaches the patient: the mobile for texts, the phone to call, the email address. */
    private static String address(PatientSummary patient, ContactChannel channel) {
        return switch (channel) {
            case EMAIL -> patient.email();
            case VOICE -> patient.phone();
            case CHAT -> CHAT_ADDRESS;
            default -> patient.mobile();
        };
    }

    private boolean isFirstContact(String phoneNumber) {
        return jdbc.queryForObject(
                        "select count(*) from outbound_message where to_index = ? and status in "
                                + "('QUEUED','SENDING','SENT','DELIVERED','UNKNOWN')",
                        Integer.class,
                        cipher.index(phoneNumber))
                == 0;
    }

    /** Why a channel cannot carry a message to a patient. */
    private record Refusal(Result result, String channel, String to, String status, String detail) {}

    private Refusal refusal(
            PatientSummary patient, ContactChannel channel, ContactPurpose purpose, boolean confirmsOptOut) {
        boolean text = channel == ContactChannel.SMS;
        String to = address(patient, channel);
        String what = switch (channel) {
            case SMS -> "text";
            case VOICE -> "call";
            case CHAT -> "answer in the chat of";
            default -> "email";
        };
        if (to == null) {
            return new Refusal(
                    Result.NO_VALID_MOBILE,
                    channel.code(),
                    "unknown",
                    "INVALID_CONTACT",
                    switch (channel) {
                        case SMS -> "No valid mobile number on file";
                        case VOICE -> "No valid phone number on file";
                        default -> "No valid email address on file";
                    });
        }
        if (contacts.isInvalid(to)) {
            return new Refusal(
                    Result.NO_VALID_MOBILE,
                    channel.code(),
                    to,
                    "INVALID_CONTACT",
                    (channel == ContactChannel.EMAIL ? "The address" : "The number")
                            + " on file could not be reached; a coordinator is updating it");
        }
        if (!confirmsOptOut && !consents.permits(patient.id(), channel, purpose)) {
            return new Refusal(
                    Result.NO_CONSENT,
                    channel.code(),
                    to,
                    "SUPPRESSED",
                    "No consent to " + what + " the patient for " + purpose.code());
        }
        if (text && lineTypes.isLandline(to)) {
            return new Refusal(
                    Result.NO_VALID_MOBILE,
                    channel.code(),
                    to,
                    "INVALID_CONTACT",
                    "The carrier lookup says the number on file is a landline");
        }
        if (text && !confirmsOptOut && isOptedOut(to)) {
            return new Refusal(Result.OPTED_OUT, channel.code(), to, "SUPPRESSED", "Patient opted out of SMS");
        }
        return null;
    }

    private String record(
            OutreachRequest request,
            String channel,
            String to,
            String from,
            String body,
            String status,
            String detail) {
        return record(request, channel, to, from, null, body, status, detail, clock.instant(), null);
    }

    private String record(
            OutreachRequest request,
            String channel,
            String to,
            String from,
            String subject,
            String body,
            String status,
            String detail,
            Instant sendAfter,
            String interpreterFor) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.update(
                "insert into outbound_message (id, patient_id, enrolment_id, program, process_instance_id, channel, "
                        + "to_number, to_index, from_number, subject, template_id, body, in_response_to, status, "
                        + "status_detail, created_at, updated_at, send_after, interpreter_language) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                request.patientId(),
                request.enrolmentId(),
                request.program(),
                request.processInstanceId(),
                channel,
                cipher.seal(to, org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                cipher.index(to),
                from,
                subject,
                request.templateId(),
                cipher.seal(body, org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY),
                request.inResponseTo(),
                status,
                detail,
                now,
                now,
                Timestamp.from(sendAfter),
                interpreterFor);
        return id;
    }
}
