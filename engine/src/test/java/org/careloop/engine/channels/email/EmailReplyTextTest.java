package org.careloop.engine.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailReplyTextTest {

    private static final String SENT = "This is an automated message from Springfield General.\n"
            + "How are you feeling since you went home? Reply WELL, or tell us what is wrong.\n\n-- \n"
            + "You may answer this email: an automated system reads replies.\n"
            + "1 Main Street, Springfield, MA 01101\n";
    private static final List<String> MARKERS =
            List.of("care@springfield-general.example", "A message from Springfield General");

    @Test
    void aTopPostedAnswerKeepsThePatientsWordsAndDropsTheQuotedEmail() {
        String received = "I have chest pain since last night.\n\nOn Tue, 1 Dec 2026 at 09:00, Springfield General "
                + "<care@springfield-general.example> wrote:\n> " + SENT.replace("\n", "\n> ");

        assertThat(EmailReplyText.of(received, List.of(SENT), MARKERS))
                .isEqualTo("I have chest pain since last night.");
    }

    @Test
    void wordsWrittenBelowOrBetweenQuotedLinesAreKept() {
        String received = "> How are you feeling since you went home? Reply WELL, or tell us what is wrong.\n"
                + "Better, thanks.\n\n> You may answer this email: an automated system reads replies.\n"
                + "But my leg is swollen and hot.";

        assertThat(EmailReplyText.of(received, List.of(SENT), MARKERS))
                .isEqualTo("Better, thanks.\n\nBut my leg is swollen and hot.");
    }

    @Test
    void anOutlookStyleQuoteWithoutMarksLosesTheEmailsLinesAndItsHeaderButNotThePatientsShortWords() {
        String received =
                "Yes\n\n-----Original Message-----\nFrom: Springfield General <care@springfield-general.example>\n"
                        + "Subject: A message from Springfield General\n\n" + SENT;

        assertThat(EmailReplyText.of(received, List.of(SENT), MARKERS)).isEqualTo("Yes");
    }

    @Test
    void aHeaderLikeLineOfThePatientsOwnIsKept() {
        assertThat(EmailReplyText.of("Note: the pain is worse at night", List.of(SENT), MARKERS))
                .isEqualTo("Note: the pain is worse at night");
    }

    @Test
    void aSpanishClientsAttributionLineIsDropped() {
        String received = "Me siento bien\n\nEl mar, 1 dic 2026 a las 9:00, Springfield General escribió:\n> Hola";

        assertThat(EmailReplyText.of(received, List.of(), MARKERS)).isEqualTo("Me siento bien");
    }

    @Test
    void anOverlongAnswerIsCutAndSaysSo() {
        String received = "pain ".repeat(2_000);

        String words = EmailReplyText.of(received, List.of(), MARKERS);

        assertThat(words)
                .hasSize(EmailReplyText.MAX + "\n[cut: the email was longer]".length())
                .endsWith("longer]");
    }

    @Test
    void anHtmlOnlyAnswerIsReadAsTextWithoutItsQuotedBlock() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setContent(
                "<html><head><style>p{color:red}</style></head><body><div>I feel dizzy &amp; weak<br>since noon</div>"
                        + "<blockquote class=\"gmail_quote\"><div>How are you <blockquote>nested</blockquote> feeling?"
                        + "</div></blockquote></body></html>",
                "text/html; charset=UTF-8");
        message.saveChanges();

        assertThat(EmailReplyText.textOf(message).strip()).isEqualTo("I feel dizzy & weak\nsince noon");
    }

    @Test
    void theTextPartIsPreferredToTheHtmlPartAndAnAttachmentIsNoticedButNotRead() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html words</p>", "text/html; charset=UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("text words", "UTF-8");
        alternative.addBodyPart(html);
        alternative.addBodyPart(text);
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        MimeBodyPart photo = new MimeBodyPart();
        photo.setText("not really a photo", "UTF-8");
        photo.setDisposition(jakarta.mail.Part.ATTACHMENT);
        photo.setFileName("wound.jpg");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(photo);
        mixed.addBodyPart(wrapper);
        message.setContent(mixed);
        message.saveChanges();

        assertThat(EmailReplyText.textOf(message)).isEqualTo("text words");
        assertThat(EmailReplyText.hasAttachment(message)).isTrue();
    }
}
