package org.careloop.engine.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The patient's own words in an answer to one of CareLoop's emails: the text part (or the HTML part made text), less
 * what the mail client quoted of CareLoop's message. Only what is surely not the patient's goes: lines quoted with
 * {@code >}, signature rules ({@code --}), the client's "On … wrote:" line, an "Original Message" rule, header lines naming CareLoop's address or
 * subject, and lines that are word for word a line of the email answered. Everything else the patient wrote stays,
 * above or below the quote, so that nothing a person should read is cut.
 */
final class EmailReplyText {

    /** More than any patient writes; a longer text is cut here and says so. */
    static final int MAX = 6_000;

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on|el|le|am)\\b.{0,300}\\b(wrote|escribi[óo]|a [ée]crit|schrieb)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATOR = Pattern.compile(
            "^-{2,}\\s*(original message|mensaje original|message d'origine|urspr[üu]ngliche nachricht)\\s*-{2,}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE = Pattern.compile("^[\\p{L}-]{2,12}:\\s.*");
    /** A line of the answered email must be this long to be taken as quoted: short words are the patient's. */
    private static final int QUOTED_LINE = 8;

    private EmailReplyText() {}

    /**
     * @param received the text of the reply as the patient's client sent it
     * @param answered the lines of the email answered (its body, footer, address lines)
     * @param markers  CareLoop's addresses and the email's subject: a header line naming one is the client's
     */
    static String of(String received, Collection<String> answered, Collection<String> markers) {
        Set<String> quoted = answered.stream()
                .flatMap(String::lines)
                .map(EmailReplyText::normal)
                .filter(line -> line.length() >= QUOTED_LINE)
                .collect(Collectors.toSet());
        Set<String> names = markers.stream()
                .filter(m -> m != null && !m.isBlank())
                .map(m -> m.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        StringBuilder words = new StringBuilder();
        for (String line : received.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            String normal = normal(trimmed);
            boolean clients = trimmed.startsWith(">")
                    || trimmed.equals("--")
                    || ATTRIBUTION.matcher(trimmed).matches()
                    || SEPARATOR.matcher(trimmed).matches()
                    || (HEADER_LINE.matcher(trimmed).matches() && names.stream().anyMatch(normal::contains))
                    || quoted.contains(normal);
            if (!clients) {
                words.append(line.stripTrailing()).append('\n');
            }
        }
        String text = words.toString().replaceAll("\n{3,}", "\n\n").strip();
        return text.length() > MAX ? text.substring(0, MAX) + "\n[cut: the email was longer]" : text;
    }

    private static String normal(String line) {
        return line.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The text of a message: its text part, or its HTML part made text (quoted blocks left out); null if none. */
    static String textOf(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return htmlAsText(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/html")) {
                    html = html == null ? textOf(child) : html;
                    continue;
                }
                String text = textOf(child);
                if (text != null) {
                    return text;
                }
            }
            return html;
        }
        return null;
    }

    /** Whether the message carries a file (a photograph, a document) besides its text. */
    static boolean hasAttachment(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return true;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (hasAttachment(multipart.getBodyPart(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** HTML as plain text: quoted blocks, styles and scripts out, line breaks kept, entities decoded. */
    static String htmlAsText(String html) {
        String text = html.replaceAll("(?is)<(style|script|head)\\b.*?</\\1\\s*>", "");
        String before;
        do {
            // innermost quoted block first, until none is left
            before = text;
            text = text.replaceAll("(?is)<blockquote\\b[^>]*>((?!<blockquote\\b).)*?</blockquote\\s*>", "");
        } while (!text.equals(before));
        text = text.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</(p|div|li|tr|h[1-6])\\s*>", "\n")
                .replaceAll("(?s)<[^>]*>", "");
        return HtmlUtils.htmlUnescape(text);
    }
}
