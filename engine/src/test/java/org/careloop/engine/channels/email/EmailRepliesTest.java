package org.careloop.engine.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailRepliesTest {

    private static MimeMessage message(String... headers) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        for (int i = 0; i < headers.length; i += 2) {
            message.addHeader(headers[i], headers[i + 1]);
        }
        message.setText("words");
        return message;
    }

    @Test
    void withoutAnAuthenticationServiceEveryReplyIsTaken() throws Exception {
        assertThat(EmailReplies.authentic(message(), null)).isTrue();
    }

    @Test
    void aReplyIsAuthenticOnlyByTheNamedServersPassingDmarcOrWithoutDmarcSpfOrDkim() throws Exception {
        String server = "mx.springfield-general.example";
        assertThat(EmailReplies.authentic(
                        message(
                                "Authentication-Results",
                                server + "; spf=fail smtp.mailfrom=x; dmarc=pass header.from=example.org"),
                        server))
                .isTrue();
        assertThat(EmailReplies.authentic(
                        message("Authentication-Results", server + ";\r\n dkim=pass header.d=example.org; dmarc=fail"),
                        server))
                .as("DMARC's verdict stands over DKIM's")
                .isFalse();
        assertThat(EmailReplies.authentic(
                        message("Authentication-Results", server + "; spf=pass smtp.mailfrom=x"), server))
                .isTrue();
        assertThat(EmailReplies.authentic(
                        message("Authentication-Results", "forger.example; dmarc=pass header.from=example.org"),
                        server))
                .as("a result written by another server is not believed")
                .isFalse();
        assertThat(EmailReplies.authentic(message(), server))
                .as("no result at all")
                .isFalse();
    }

    @Test
    void outOfOfficeAndOtherAutomaticAnswersAreRecognised() throws Exception {
        assertThat(EmailReplies.automatic(message("Auto-Submitted", "auto-replied")))
                .isTrue();
        assertThat(EmailReplies.automatic(message("Precedence", "auto_reply"))).isTrue();
        assertThat(EmailReplies.automatic(message("X-Autoreply", "yes"))).isTrue();
        assertThat(EmailReplies.automatic(message("Auto-Submitted", "no"))).isFalse();
        assertThat(EmailReplies.automatic(message())).isFalse();
    }
}
