package org.careloop.engine.channels.email;

import java.util.Map;
import java.util.Optional;
import org.careloop.engine.consent.ConsentRecord;
import org.careloop.engine.consent.ConsentVault;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * An email's unsubscribe link. Opening it asks to confirm (a link scanner that follows links changes nothing); the
 * confirmation, or the mail client's one-click POST ({@code List-Unsubscribe=One-Click}, RFC 8058), revokes email for
 * every purpose in the consent vault at once, with the address and the way it was asked as evidence. Texts and calls
 * are not affected. The signed link is the only credential: no sign-in, no CSRF token.
 */
@Controller
class UnsubscribeController {

    private final EmailLinks links;
    private final JdbcTemplate jdbc;
    private final ConsentVault consents;
    private final TransactionTemplate transactions;
    private final org.careloop.engine.crypto.PhiCipher cipher;

    UnsubscribeController(
            EmailLinks links,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            ConsentVault consents,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.links = links;
        this.jdbc = jdbc;
        this.consents = consents;
        this.transactions = transactions;
    }

    private record Recipient(String patientId, String address) {}

    private Optional<Recipient> recipient(String token) {
        return links.messageOf(token)
                .flatMap(id -> jdbc
                        .query(
                                "select patient_id, to_number from outbound_message where id = ? and channel = 'email'",
                                (rs, i) -> new Recipient(
                                        rs.getString("patient_id"),
                                        cipher.open(
                                                rs.getString("to_number"),
                                                org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO)),
                                id)
                        .stream()
                        .findFirst());
    }

    @GetMapping(EmailSendHandler.UNSUBSCRIBE_PATH + "{token}")
    ModelAndView ask(@PathVariable String token, Model model) {
        Optional<Recipient> recipient = recipient(token);
        if (recipient.isEmpty()) {
            return new ModelAndView("unsubscribe", Map.of("state", "invalid"), HttpStatus.NOT_FOUND);
        }
        return new ModelAndView(
                "unsubscribe",
                Map.of("state", "ask", "address", masked(recipient.get().address())));
    }

    @PostMapping(EmailSendHandler.UNSUBSCRIBE_PATH + "{token}")
    ModelAndView unsubscribe(
            @PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        Optional<Recipient> recipient = recipient(token);
        if (recipient.isEmpty()) {
            return new ModelAndView("unsubscribe", Map.of("state", "invalid"), HttpStatus.NOT_FOUND);
        }
        Recipient who = recipient.get();
        transactions.executeWithoutResult(tx -> {
            // a second unsubscribe (a repeated click, a mail client retrying) records nothing more
            if (consents.state(who.patientId()).stream()
                    .anyMatch(d -> d.channel() == ContactChannel.EMAIL && d.permit())) {
                consents.record(new ConsentRecord.Change(
                        who.patientId(),
                        ContactChannel.EMAIL,
                        ContactPurpose.ALL,
                        false,
                        "unsubscribe",
                        who.address(),
                        "One-Click".equals(oneClick)
                                ? "List-Unsubscribe=One-Click (the mail client's unsubscribe)"
                                : "Confirmed on the unsubscribe page of an email",
                        null,
                        null));
            }
        });
        return new ModelAndView("unsubscribe", Map.of("state", "done", "address", masked(who.address())));
    }

    /** Enough of the address to recognise it, not enough to learn it from a forwarded link. */
    static String masked(String address) {
        int at = address.indexOf('@');
        return at <= 1 ? "***" + address.substring(Math.max(at, 0)) : address.charAt(0) + "***" + address.substring(at);
    }
}
