package org.careloop.engine.handoff;

import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.config.EmailProperties;
import org.careloop.engine.outbox.OutboxHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells the privacy office at once, by email to {@code careloop.emergency-access.notify}, that a clinician opened a
 * patient's record by emergency access: who, when, for how long, and the link to the review page. The email names no
 * patient and gives no reason (the reason may hold PHI): the auditor reads those on the review page, signed in. Sent
 * after the grant commits (outbox); a node that stops between sending and recording it may send it twice, never
 * not at all.
 */
@Component
class EmergencyAccessNotices implements OutboxHandler<EmergencyAccessOpened> {

    private static final Logger log = LoggerFactory.getLogger(EmergencyAccessNotices.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final JdbcTemplate jdbc;
    private final ObjectProvider<JavaMailSender> mail;
    private final EmailProperties email;
    private final CareLoopProperties careloop;
    private final List<String> notify;

    EmergencyAccessNotices(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            ObjectProvider<JavaMailSender> mail,
            EmailProperties email,
            CareLoopProperties careloop,
            @Value("${careloop.emergency-access.notify:}") List<String> notify) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.email = email;
        this.careloop = careloop;
        this.notify =
                notify.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** Whether anyone is to be told. */
    boolean enabled() {
        return !notify.isEmpty();
    }

    @Override
    public Class<EmergencyAccessOpened> eventType() {
        return EmergencyAccessOpened.class;
    }

    @Override
    public void handle(EmergencyAccessOpened event) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (!enabled() || sender == null) {
            log.warn(
                    "Emergency access {}: nobody to tell (careloop.emergency-access.notify, spring.mail.host)",
                    event.grantId());
            return;
        }
        Map<String, Object> grant = jdbc.queryForMap(
                "select user_name, granted_at, expires_at from emergency_access where id = ?", event.grantId());
        String user = (String) grant.get("user_name");
        var granted = ((java.sql.Timestamp) grant.get("granted_at")).toInstant();
        var expires = ((java.sql.Timestamp) grant.get("expires_at")).toInstant();
        String review = careloop.url("/audit/emergency");
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(email.from());
        helper.setTo(notify.toArray(String[]::new));
        helper.setSubject("CareLoop: emergency access by " + user);
        helper.setText("Emergency access " + event.grantId() + ": " + user + " opened a patient's record outside their "
                + "queues on " + WHEN.format(granted.atOffset(ZoneOffset.UTC)) + ", until "
                + WHEN.format(expires.atOffset(ZoneOffset.UTC)) + ".\n\n"
                + "Review the patient, the reason given and what was read, signed in as an auditor:\n" + review + "\n\n"
                + "This email names no patient and gives no reason; both are on the review page.\n");
        message.setHeader("Auto-Submitted", "auto-generated");
        sender.send(message);
        log.info("Emergency access {}: the privacy office was told", event.grantId());
    }
}
