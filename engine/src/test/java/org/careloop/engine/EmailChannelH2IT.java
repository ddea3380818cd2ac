package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.careloop.engine.channels.email.SimulatedMailServer;
import org.careloop.engine.consent.ConsentRecord;
import org.careloop.engine.consent.ConsentVault;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.careloop.engine.outreach.OutreachRequest;
import org.careloop.engine.outreach.OutreachService;
import org.hl7.fhir.r4.model.ContactPoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Email over a real SMTP server (the simulated one, GreenMail): chosen by the patient's ranking of contacts or when
 * texts are refused; text and HTML parts with the sender's identity, postal address and an unsubscribe link that
 * also works in one click (RFC 8058); the unsubscribe page asks before it acts, and a forged link does nothing.
 */
class EmailChannelH2IT extends BrowserStackTest {

    @Autowired
    SimulatedMailServer mailbox;

    @Autowired
    OutreachService outreach;

    @Autowired
    ConsentVault consents;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate engineTransactions;

    private record Contacts(String patientId, String mobile, String email) {}

    /** The bounce mailbox, the envelope sender of every email (IntegrationSupport's stack properties). */
    static final String BOUNCES = IntegrationSupport.BOUNCE_MAILBOX;

    /** A patient with a mobile number and an email address; the email ranked first when asked. */
    private Contacts patientWithEmail(boolean emailFirst) {
        String mobile = TestNumbers.unused("+1617560");
        String n = mobile.substring("+1617560".length());
        String email = "pat" + n + "." + System.nanoTime() % 100000 + "@example.org";
        String patientId = patient(mobile, "en", p -> {
            p.getTelecomFirstRep().setRank(2);
            p.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(email)
                    .setRank(emailFirst ? 1 : 3);
        });
        return new Contacts(patientId, mobile, email);
    }

    private MimeMessage emailTo(String address) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !received(address).isEmpty());
        return received(address).get(0);
    }

    private List<MimeMessage> received(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mailbox.received()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(address)) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private static String part(MimeMessage message, String type) throws Exception {
        String found = find(message.getContent(), type);
        if (found == null) {
            throw new AssertionError("no " + type + " part");
        }
        return found;
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part.isMimeType(type) ? (String) part.getContent() : find(part.getContent(), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String unsubscribeLink(MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe")[0];
        return header.substring(1, header.length() - 1);
    }

    @Test
    void aPatientWhoRanksEmailFirstGetsTheCheckInByEmailWithSenderPostalAddressAndUnsubscribeHeaders()
            throws Exception {
        Contacts patient = patientWithEmail(true);

        MimeMessage email = sentCheckIn(patient);

        assertThat(email.getFrom()[0].toString()).contains("care@springfield-general.example");
        assertThat(email.getSubject()).isEqualTo("A message from Springfield General");
        String link = unsubscribeLink(email);
        assertThat(link).startsWith("http://localhost:" + PORT + "/unsubscribe/");
        assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String text = part(email, "text/plain");
        assertThat(text)
                .startsWith("This is an automated message from Springfield General.")
                .contains("1 Main Street, Springfield, MA 01101")
                .contains("You may answer this email")
                .contains(link);
        assertThat(email.getReplyTo()[0].toString())
                .as("answers go to the replies mailbox")
                .isEqualTo(IntegrationSupport.REPLIES_MAILBOX);
        assertThat(part(email, "text/html")).contains("href=\"" + link + "\"").contains("Stop these emails");
        Map<String, Object> row = engineDb.queryForMap(
                "select channel, status from outbound_message where patient_id = ? and template_id = ?",
                patient.patientId(),
                "post-discharge-checkin-1");
        assertThat(row).containsEntry("CHANNEL", "email").containsEntry("STATUS", "SENT");
    }

    @Test
    void aPatientWhoRefusedTextsGetsTheCheckInByEmailInstead() {
        Contacts patient = patientWithEmail(false);
        engineTransactions.executeWithoutResult(tx -> consents.record(new ConsentRecord.Change(
                patient.patientId(),
                ContactChannel.SMS,
                ContactPurpose.CARE,
                false,
                "staff",
                "127.0.0.1",
                "No texts about my care",
                null,
                "nurse")));

        var program = firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));

        emailTo(patient.email());
        assertThat(engineDb.queryForObject(
                        "select status_detail from outbound_message where patient_id = ? and template_id = ?",
                        String.class,
                        patient.patientId(),
                        "post-discharge-checkin-1"))
                .isEqualTo("By email: No consent to text the patient for care.");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(program.getId())
                        .count())
                .as("the check-in waits for an answer")
                .isEqualTo(1);
    }

    @Test
    void oneClickUnsubscribeRevokesEmailWithItsEvidenceAndTheNextMessageGoesByText() throws Exception {
        Contacts patient = patientWithEmail(true);
        firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));
        String link = unsubscribeLink(emailTo(patient.email()));

        // as a mail client does it (RFC 8058): a POST with no cookie, no sign-in, no CSRF token
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(consents.permits(patient.patientId(), ContactChannel.EMAIL, ContactPurpose.CARE))
                .isFalse();
        assertThat(consents.permits(patient.patientId(), ContactChannel.SMS, ContactPurpose.CARE))
                .isTrue();
        ConsentRecord evidence = consents.history(patient.patientId()).get(0);
        assertThat(evidence.source()).isEqualTo("unsubscribe");
        assertThat(evidence.contact()).isEqualTo(patient.email());
        assertThat(evidence.words()).contains("One-Click");

        OutreachService.Result next = outreach.send(new OutreachRequest(
                patient.patientId(), "post-discharge-reminder-1", "post-discharge", null, null, null, null, null));

        assertThat(next).isEqualTo(OutreachService.Result.QUEUED);
        assertThat(engineDb.queryForMap(
                        "select channel, to_index, status_detail from outbound_message where patient_id = ? "
                                + "and template_id = ?",
                        patient.patientId(),
                        "post-discharge-reminder-1"))
                .containsEntry("CHANNEL", "sms")
                .containsEntry("TO_INDEX", cipher.index(patient.mobile()))
                .containsEntry("STATUS_DETAIL", "By sms: No consent to email the patient for care.");
    }

    @Autowired
    org.careloop.engine.channels.email.EmailBounces bounces;

    /**
     * What a recipient's mail server sends back to the envelope sender: a delivery status notification (RFC 3464)
     * with the original message's headers, over SMTP to the bounce mailbox.
     */
    private void bounce(String to, String originalMessageId, String action, String status) throws Exception {
        var session = jakarta.mail.Session.getInstance(new java.util.Properties());
        MimeMessage notification = new MimeMessage(session);
        notification.setFrom("MAILER-DAEMON@mx.example.org");
        notification.setRecipients(jakarta.mail.Message.RecipientType.TO, BOUNCES);
        notification.setSubject("Undelivered Mail Returned to Sender");
        var report = new jakarta.mail.internet.MimeMultipart("report; report-type=delivery-status");
        var explanation = new jakarta.mail.internet.MimeBodyPart();
        explanation.setText("Your message could not be delivered.");
        report.addBodyPart(explanation);
        var deliveryStatus = new jakarta.mail.internet.MimeBodyPart();
        deliveryStatus.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                ("Reporting-MTA: dns; mx.example.org\r\n\r\n" + "Final-Recipient: rfc822; " + to + "\r\n"
                                + "Action: " + action + "\r\n" + "Status: " + status + "\r\n"
                                + "Diagnostic-Code: smtp; 550 5.1.1 <" + to + ">: Recipient address rejected\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "message/delivery-status")));
        report.addBodyPart(deliveryStatus);
        var headers = new jakarta.mail.internet.MimeBodyPart();
        headers.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                ("Message-ID: " + originalMessageId + "\r\nTo: " + to + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "text/rfc822-headers")));
        report.addBodyPart(headers);
        notification.setContent(report);
        var mail = new org.springframework.mail.javamail.JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(mailPort);
        mail.send(notification);
    }

    @org.springframework.beans.factory.annotation.Value("${spring.mail.port}")
    int mailPort;

    @Test
    void anEmailTheRecipientsServerReturnsMarksTheAddressInvalidAndACoordinatorGetsThePatient() throws Exception {
        Contacts patient = patientWithEmail(true);
        firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));
        MimeMessage sent = emailTo(patient.email());
        assertThat(sent.getHeader("Return-Path")[0])
                .as("bounces come back to the bounce mailbox")
                .contains(BOUNCES);
        String id = engineDb.queryForObject(
                "select id from outbound_message where patient_id = ? and channel = 'email'",
                String.class,
                patient.patientId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT"
                        .equals(engineDb.queryForObject(
                                "select status from outbound_message where id = ?", String.class, id)));

        bounce(patient.email(), sent.getMessageID(), "delayed", "4.4.1");
        assertThat(bounces.poll()).as("a delay changes nothing").isZero();
        bounce(patient.email(), sent.getMessageID(), "failed", "5.1.1");
        assertThat(bounces.poll()).isEqualTo(1);

        assertThat(engineDb.queryForMap("select status, status_detail from outbound_message where id = ?", id))
                .containsEntry("STATUS", "UNDELIVERED")
                .containsEntry(
                        "STATUS_DETAIL", "Returned by the recipient's mail server (status 5.1.1); not sent again");
        assertThat(engineDb.queryForObject(
                        "select reason from contact_invalid where contact_index = ?",
                        String.class,
                        cipher.index(patient.email())))
                .isEqualTo("the email address bounced (status 5.1.1)");
        var task = awaitTask(patient.patientId(), "care-coordinator");
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason"))
                .startsWith("The email address on file cannot take email");
        assertThat(bounces.poll()).as("each notification is read once").isZero();
        assertThat(outreach.send(new OutreachRequest(
                        patient.patientId(),
                        "post-discharge-reminder-1",
                        "post-discharge",
                        null,
                        null,
                        null,
                        null,
                        null)))
                .isEqualTo(OutreachService.Result.QUEUED);
        assertThat(engineDb.queryForObject(
                        "select channel from outbound_message where patient_id = ? and template_id = ?",
                        String.class,
                        patient.patientId(),
                        "post-discharge-reminder-1"))
                .as("the next message goes by text, not to the bounced address")
                .isEqualTo("sms");
    }

    @Test
    void theUnsubscribePageAsksBeforeItActsAndAForgedLinkChangesNothing() throws Exception {
        Contacts patient = patientWithEmail(true);
        firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));
        String link = unsubscribeLink(emailTo(patient.email()));
        String forged = link.substring(0, link.length() - 4) + "AAAA";

        assertThat(send(HttpRequest.newBuilder(URI.create(forged))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isEqualTo(404);
        Page page = browser.anonymous().newPage();
        page.navigate(link);
        assertThat(page.locator("h1").innerText()).isEqualTo("Stop these emails?");
        assertThat(page.locator("main").innerText())
                .contains("p***@example.org")
                .doesNotContain(patient.email());
        Chromium.assertAccessible(page);
        assertThat(consents.permits(patient.patientId(), ContactChannel.EMAIL, ContactPurpose.CARE))
                .as("opening the link changes nothing")
                .isTrue();

        page.getByText("Stop emails").click();

        assertThat(page.locator("h1").innerText()).isEqualTo("You will get no more emails");
        assertThat(consents.permits(patient.patientId(), ContactChannel.EMAIL, ContactPurpose.APPOINTMENT))
                .isFalse();
        assertThat(consents.history(patient.patientId()).get(0).words()).contains("unsubscribe page");
        page.navigate(forged);
        assertThat(page.locator("h1").innerText()).isEqualTo("This link does not work");
        page.context().close();

        // the demo's mailbox shows the email on the patient simulator
        Page simulator = browser.signedIn("nurse");
        simulator.navigate("/simulator");
        com.microsoft.playwright.Locator shown = simulator
                .locator("article.email")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(patient.email()));
        assertThat(shown.count()).isEqualTo(1);
        assertThat(shown.locator("h3").innerText()).isEqualTo("A message from Springfield General");
        assertThat(shown.locator("pre").innerText()).contains("You may answer this email");
        Chromium.assertAccessible(simulator);
        simulator.context().close();
    }

    @Autowired
    org.careloop.engine.channels.email.EmailReplies emailReplies;

    @Autowired
    org.careloop.engine.crypto.PhiCipher phi;

    /** The email CareLoop sent, once the mail server has taken it (an answer is matched to what was sent). */
    private MimeMessage sentCheckIn(Contacts patient) {
        firstCheckIn(enrolByDischarge(patient.patientId(), "post-discharge"));
        MimeMessage email = emailTo(patient.email());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT"
                        .equals(engineDb.queryForObject(
                                "select status from outbound_message where patient_id = ? and template_id = ?",
                                String.class,
                                patient.patientId(),
                                "post-discharge-checkin-1")));
        return email;
    }

    @Test
    void aRedFlagAnsweredByEmailReachesANurseWithThePatientsWordsAloneAndTheProgramAnswersByEmail() throws Exception {
        Contacts patient = patientWithEmail(true);
        MimeMessage checkIn = sentCheckIn(patient);

        // the patient answers from the demo's mailbox, in a real browser, above the quoted email
        Page simulator = browser.signedIn("nurse");
        simulator.navigate("/simulator");
        com.microsoft.playwright.Locator shown = simulator
                .locator("article.email")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("To " + patient.email()));
        shown.getByLabel("Answer as " + patient.email()).fill("I have crushing chest pain and I cannot breathe");
        shown.getByText("Send answer").click();
        assertThat(simulator.locator(".flash.ok").innerText()).contains("Answer sent to the replies mailbox");
        Chromium.assertAccessible(simulator);
        simulator.context().close();

        assertThat(emailReplies.poll()).as("the answer is taken in").isEqualTo(1);
        assertThat(emailReplies.poll()).as("and only once").isZero();
        Map<String, Object> inbound = engineDb.queryForMap(
                "select id, channel, body, in_response_to from inbound_message where patient_id = ?",
                patient.patientId());
        assertThat(inbound).containsEntry("CHANNEL", "email");
        assertThat(phi.open((String) inbound.get("BODY"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY))
                .as("the patient's words, without the quoted check-in")
                .isEqualTo("I have crushing chest pain and I cannot breathe");
        awaitTask(patient.patientId(), "nurse");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> received(patient.email()).size() == 2);
        MimeMessage answer = received(patient.email()).get(1);
        assertThat(answer.getMessageID()).isNotEqualTo(checkIn.getMessageID());
        assertThat(engineDb.queryForObject(
                        "select channel from outbound_message where in_response_to = ?",
                        String.class,
                        inbound.get("ID")))
                .as("the program's answer goes back by email")
                .isEqualTo("email");
    }

    /** An email to the replies mailbox, as a mail client sends it. */
    private void writeToReplies(String from, String text, String... headers) throws Exception {
        MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        message.setFrom(from);
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, IntegrationSupport.REPLIES_MAILBOX);
        message.setSubject("Re: A message from Springfield General");
        for (int i = 0; i < headers.length; i += 2) {
            message.addHeader(headers[i], headers[i + 1]);
        }
        message.setText(text, "UTF-8");
        var mail = new org.springframework.mail.javamail.JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(mailPort);
        mail.send(message);
    }

    @Test
    void stopAnsweredByEmailEndsEmailsAloneAndIsConfirmedByEmail() throws Exception {
        Contacts patient = patientWithEmail(true);
        sentCheckIn(patient);

        writeToReplies(patient.email().toUpperCase(java.util.Locale.ROOT), "STOP");

        assertThat(emailReplies.poll()).isEqualTo(1);
        assertThat(consents.permits(patient.patientId(), ContactChannel.EMAIL, ContactPurpose.CARE))
                .isFalse();
        assertThat(consents.permits(patient.patientId(), ContactChannel.SMS, ContactPurpose.CARE))
                .as("a STOP by email is about emails")
                .isTrue();
        assertThat(outreach.isOptedOut(patient.mobile())).isFalse();
        assertThat(consents.history(patient.patientId()).get(0).words()).isEqualTo("STOP");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> received(patient.email()).size() == 2);
        assertThat(part(received(patient.email()).get(1), "text/plain"))
                .contains("You will no longer receive messages from Springfield General");
    }

    @Test
    void mailFromAStrangerAndAnOutOfOfficeAnswerAreLeftForAPerson() throws Exception {
        Contacts patient = patientWithEmail(true);
        sentCheckIn(patient);

        writeToReplies("stranger" + System.nanoTime() + "@example.org", "chest pain");
        writeToReplies(patient.email(), "I am out of the office until Monday.", "Auto-Submitted", "auto-replied");

        assertThat(emailReplies.poll()).isZero();
        assertThat(engineDb.queryForObject(
                        "select count(*) from inbound_message where patient_id = ?",
                        Integer.class,
                        patient.patientId()))
                .isZero();
    }
}
