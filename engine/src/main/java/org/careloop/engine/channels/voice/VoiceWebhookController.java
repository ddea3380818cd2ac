package org.careloop.engine.channels.voice;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.careloop.engine.channels.sms.SmsProperties;
import org.careloop.engine.channels.sms.TwilioWebhooks;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.config.VoiceProperties;
import org.careloop.engine.consent.ConsentRecord;
import org.careloop.engine.consent.ConsentVault;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.careloop.engine.contact.PhoneNumbers;
import org.careloop.engine.conversation.ReplyService;
import org.careloop.engine.departments.Department;
import org.careloop.engine.departments.Departments;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.MessageTemplates;
import org.careloop.engine.outreach.OutreachProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The voice channel's webhooks in the Twilio dialect, each signed ({@code X-Twilio-Signature}) like the SMS ones:
 * <ul>
 *   <li>{@code POST /webhooks/twilio/voice/{message}}: once the patient answers, the TwiML that speaks the message's
 *       approved voice script in the patient's language and waits for one key;
 *   <li>{@code POST …/{message}/keys}: the key pressed. A message's own keys (e.g. 1 confirm) are the patient's reply,
 *       read by the same rules as a text; 0 puts the call through to the help line and is a request for a person
 *       (the program's rules name the team, e.g. a scheduler for an appointment); 8 records in the consent vault that the patient wants no more automated calls; 9 repeats;
 *   <li>{@code POST /webhooks/twilio/voice-status}: how the call ended (answered, busy, not answered).
 * </ul>
 */
@RestController
class VoiceWebhookController {

    static final String SCRIPT_PATH = "/webhooks/twilio/voice/{messageId}";
    static final String KEYS_PATH = "/webhooks/twilio/voice/{messageId}/keys";
    static final String STATUS_PATH = "/webhooks/twilio/voice-status";
    private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");
    /** The provider's voices per language; any other language is named by its own code. */
    private static final Map<String, String> VOICES = Map.of(
            "en", "en-US", "es", "es-MX", "fr", "fr-FR", "de", "de-DE", "pt", "pt-BR", "vi", "vi-VN", "zh", "zh-CN");

    private final TwilioWebhooks webhooks;
    private final SmsProperties sms;
    private final CareLoopProperties careloop;
    private final VoiceProperties voice;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageTemplates templates;
    private final PatientDirectory patients;
    private final Departments departments;
    private final OutreachProperties outreach;
    private final ReplyService replies;
    private final ConsentVault consents;
    private final MessageLedger ledger;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    private final org.careloop.engine.crypto.PhiCipher cipher;
    private final UnknownCalls unknownCalls;
    private final org.careloop.engine.chronic.ReadingsOnACall readings;

    VoiceWebhookController(
            TwilioWebhooks webhooks,
            SmsProperties sms,
            CareLoopProperties careloop,
            VoiceProperties voice,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            MessageTemplates templates,
            PatientDirectory patients,
            Departments departments,
            OutreachProperties outreach,
            ReplyService replies,
            ConsentVault consents,
            MessageLedger ledger,
            PhoneNumbers phoneNumbers,
            Clock clock,
            org.careloop.engine.crypto.PhiCipher cipher,
            UnknownCalls unknownCalls,
            org.careloop.engine.chronic.ReadingsOnACall readings) {
        this.readings = readings;
        this.cipher = cipher;
        this.unknownCalls = unknownCalls;
        this.webhooks = webhooks;
        this.sms = sms;
        this.careloop = careloop;
        this.voice = voice;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.templates = templates;
        this.patients = patients;
        this.departments = departments;
        this.outreach = outreach;
        this.replies = replies;
        this.consents = consents;
        this.ledger = ledger;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /** One call's message, and who and where it reaches. */
    private record Call(
            String id,
            String patientId,
            String patientNumber,
            String ourNumber,
            String templateId,
            String script,
            String language,
            Department department) {}

    @PostMapping(path = SCRIPT_PATH, produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> script(@PathVariable String messageId, HttpServletRequest request) {
        Map<String, String> params = TwilioWebhooks.params(request);
        Optional<ResponseEntity<String>> refused =
                webhooks.refuseUnsigned(request, SCRIPT_PATH.replace("{messageId}", messageId), params);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Call> call = call(messageId);
        if (call.isEmpty()) {
            return TwilioWebhooks.error(404, "No call for this message");
        }
        String callSid = params.get("CallSid");
        if (callSid != null && CALL_SID.matcher(callSid).matches()) {
            unknownCalls.confirmedByProvider(messageId, callSid);
        }
        return twiml(gather(call.get(), null));
    }

    @PostMapping(path = KEYS_PATH, produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> keys(@PathVariable String messageId, HttpServletRequest request) {
        Map<String, String> params = TwilioWebhooks.params(request);
        Optional<ResponseEntity<String>> refused =
                webhooks.refuseUnsigned(request, KEYS_PATH.replace("{messageId}", messageId), params);
        if (refused.isPresent()) {
            return refused.get();
        }
        String callSid = params.get("CallSid");
        if (callSid == null || !CALL_SID.matcher(callSid).matches()) {
            return TwilioWebhooks.error(400, "CallSid is missing or malformed");
        }
        Optional<Call> found = call(messageId);
        if (found.isEmpty()) {
            return TwilioWebhooks.error(404, "No call for this message");
        }
        Call call = found.get();
        String key = params.getOrDefault("Digits", "");
        if (!key.matches("[0-9*#]{0,16}")) {
            return TwilioWebhooks.error(400, "Digits are keys of a phone's keypad");
        }
        if (VoiceKeys.AGAIN.equals(key)) {
            return twiml(gather(call, null));
        }
        if (VoiceKeys.NO_MORE_CALLS.equals(key)) {
            transactions.executeWithoutResult(tx -> consents.record(new ConsentRecord.Change(
                    call.patientId(),
                    ContactChannel.VOICE,
                    ContactPurpose.ALL,
                    false,
                    "keypad",
                    call.patientNumber(),
                    "pressed 8 on a call",
                    null,
                    null)));
            log.info("Message {}: the patient pressed 8, no more automated calls", messageId);
            return twiml(say(call, "voice-opted-out") + "<Hangup/>");
        }
        Optional<String> reply = VoiceKeys.reply(call.templateId(), key);
        if (reply.isEmpty()) {
            return twiml(say(call, "voice-unknown-key") + gather(call, null));
        }
        ReplyService.Receipt receipt =
                replies.receive("voice", callSid + "/" + key, call.patientNumber(), call.ourNumber(), reply.get());
        log.info("Message {}: key {} taken as inbound {} ({})", messageId, key, receipt.messageId(), receipt.outcome());
        if (VoiceKeys.PERSON.equals(key)) {
            String helpLine = call.department().helpLine() == null
                    ? outreach.helpLine()
                    : call.department().helpLine();
            Optional<String> number = phoneNumbers.callableE164(helpLine);
            // put through to the help line when it is a number one can dial; else a coordinator calls back
            return twiml(number.map(n -> say(call, "voice-connecting") + "<Dial>" + xml(n) + "</Dial>")
                    .orElse(say(call, "voice-call-back") + "<Hangup/>"));
        }
        String answer = VoiceKeys.reading(call.templateId())
                .map(measure ->
                        readings.answer(measure, reply.get(), call.department().id()))
                .orElse(VoiceKeys.answer(call.templateId(), key));
        return twiml(say(call, answer) + "<Hangup/>");
    }

    @PostMapping(path = STATUS_PATH, produces = MediaType.TEXT_XML_VALUE)
    ResponseEntity<String> status(HttpServletRequest request) {
        Map<String, String> params = TwilioWebhooks.params(request);
        Optional<ResponseEntity<String>> refused = webhooks.refuseUnsigned(request, STATUS_PATH, params);
        if (refused.isPresent()) {
            return refused.get();
        }
        String callSid = params.get("CallSid");
        String status = params.getOrDefault("CallStatus", "");
        if (callSid == null || !CALL_SID.matcher(callSid).matches() || !status.matches("[a-z-]{1,20}")) {
            return TwilioWebhooks.error(400, "CallSid and CallStatus are required");
        }
        Optional<CallEnd> end = CallEnd.of(status);
        if (end.isPresent()) {
            transactions.executeWithoutResult(tx -> {
                List<String> ids = jdbc.queryForList(
                        "select id from outbound_message where provider_sid = ? and channel = 'voice' "
                                + "and status in ('SENDING', 'SENT', 'UNKNOWN')",
                        String.class,
                        callSid);
                for (String id : ids) {
                    jdbc.update(
                            "update outbound_message set status = ?, status_detail = coalesce(?, status_detail), "
                                    + "updated_at = ? where id = ?",
                            end.get().status(),
                            end.get().detail(),
                            Timestamp.from(clock.instant()),
                            id);
                    ledger.outboundChanged(id);
                }
            });
        }
        return twiml("");
    }

    private Optional<Call> call(String messageId) {
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, patient_id, to_number, from_number, template_id, body, interpreter_language "
                        + "from outbound_message where id = ? and channel = 'voice' "
                        + "and status in ('SENDING', 'SENT', 'DELIVERED', 'UNKNOWN')",
                messageId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        String patientId = (String) row.get("patient_id");
        PatientSummary patient = patients.find(patientId).orElse(null);
        String language = row.get("interpreter_language") != null || patient == null
                ? "en"
                : MessageTemplates.primary(patient.language());
        return Optional.of(new Call(
                messageId,
                patientId,
                cipher.open((String) row.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                row.get("from_number") == null ? sms.twilio().from() : (String) row.get("from_number"),
                (String) row.get("template_id"),
                cipher.open((String) row.get("body"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY),
                language,
                departments.of(patient)));
    }

    /**
     * The script, then one key (or, for a reading, keys ended by #); with none, a goodbye that says how to reach a
     * person.
     */
    private String gather(Call call, String before) {
        String keys = VoiceKeys.reading(call.templateId()).isPresent() ? "finishOnKey=\"#\"" : "numDigits=\"1\"";
        return (before == null ? "" : before)
                + "<Gather input=\"dtmf\" " + keys + " timeout=\"" + voice.gatherSeconds() + "\" action=\""
                + xml(careloop.url(KEYS_PATH.replace("{messageId}", call.id()))) + "\" method=\"POST\">"
                + "<Say language=\"" + voiceOf(call.language()) + "\">" + xml(call.script()) + "</Say></Gather>"
                + say(call, "voice-no-key") + "<Hangup/>";
    }

    private String say(Call call, String templateId) {
        var words = templates.compose(templateId, call.language(), null, call.department());
        return "<Say language=\"" + voiceOf(words.language()) + "\">" + xml(words.text()) + "</Say>";
    }

    private static String voiceOf(String language) {
        return VOICES.getOrDefault(language, language);
    }

    /** Text for XML: only the five special characters escaped (Spanish and any other letters stay as they are). */
    static String xml(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static ResponseEntity<String> twiml(String verbs) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_XML)
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>");
    }
}
