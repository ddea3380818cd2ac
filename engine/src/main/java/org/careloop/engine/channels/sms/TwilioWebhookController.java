package org.careloop.engine.channels.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.careloop.engine.contact.PhoneNumbers;
import org.careloop.engine.conversation.ReplyService;
import org.careloop.engine.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Twilio-dialect webhooks: incoming SMS and delivery status. Every request must carry a valid
 * {@code X-Twilio-Signature} over {@code careloop.public-base-url} + path and the form parameters.
 * Answers are TwiML.
 */
@RestController
class TwilioWebhookController {

    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String STATUS_PATH = "/webhooks/twilio/status";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    private static final int MAX_BODY = 1600;

    private final TwilioWebhooks webhooks;
    private final ReplyService replies;
    private final PhoneNumbers phoneNumbers;
    private final Outbox outbox;

    TwilioWebhookController(TwilioWebhooks webhooks, ReplyService replies, PhoneNumbers phoneNumbers, Outbox outbox) {
        this.webhooks = webhooks;
        this.replies = replies;
        this.phoneNumbers = phoneNumbers;
        this.outbox = outbox;
    }

    @PostMapping(path = SMS_PATH, produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> incomingSms(HttpServletRequest request) {
        Map<String, String> params = TwilioWebhooks.params(request);
        Optional<ResponseEntity<String>> refused = webhooks.refuseUnsigned(request, SMS_PATH, params);
        if (refused.isPresent()) {
            return refused.get();
        }
        String sid = params.get("MessageSid");
        String body = params.getOrDefault("Body", "");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
            return TwilioWebhooks.error(400, "MessageSid is missing or malformed");
        }
        Optional<String> from = phoneNumbers.e164(params.get("From"));
        if (from.isEmpty()) {
            return TwilioWebhooks.error(400, "From is missing or not a phone number");
        }
        if (body.length() > MAX_BODY) {
            return TwilioWebhooks.error(400, "Body is longer than " + MAX_BODY + " characters");
        }
        ReplyService.Receipt receipt = replies.receive("sms", sid, from.get(), params.get("To"), body);
        log.info("Incoming SMS {}: {}", receipt.messageId(), receipt.outcome());
        return twiml(receipt.immediateReply());
    }

    @PostMapping(path = STATUS_PATH, produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> deliveryStatus(HttpServletRequest request) {
        Map<String, String> params = TwilioWebhooks.params(request);
        Optional<ResponseEntity<String>> refused = webhooks.refuseUnsigned(request, STATUS_PATH, params);
        if (refused.isPresent()) {
            return refused.get();
        }
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches() || status == null || !status.matches("[a-z_]{1,20}")) {
            return TwilioWebhooks.error(400, "MessageSid and MessageStatus are required");
        }
        outbox.enqueue(new DeliveryReceipt(sid, status, errorCode(params.get("ErrorCode"))));
        return twiml(null);
    }

    private static ResponseEntity<String> twiml(String message) {
        String xml = message == null
                ? "<Response/>"
                : "<Response><Message>" + HtmlUtils.htmlEscape(message, "UTF-8") + "</Message></Response>";
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_XML)
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }

    /** Twilio's error codes are numbers; anything else is not kept. */
    private static String errorCode(String code) {
        return code != null && code.matches("\\d{1,10}") ? code : null;
    }
}
