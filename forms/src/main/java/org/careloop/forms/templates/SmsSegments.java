package org.careloop.forms.templates;

/**
 * How long a text message is on the network. A message in the GSM 03.38 alphabet (GSM-7) takes 160 characters in
 * one segment, or 153 per segment when split; the extension characters ({@code ^ { } \ [ ] ~ | €}) take two places
 * each. One character outside the alphabet (e.g. {@code á}, {@code í}, {@code ó}, {@code ú}, an emoji) sends the whole
 * message in UCS-2: 70 characters in one segment, 67 per segment when split, and a character outside the Basic
 * Multilingual Plane counts twice. Carriers bill and deliver per segment. {@code static/js/segments.js} counts the
 * same way while an editor types.
 *
 * @param encoding {@code GSM-7} or {@code UCS-2}
 * @param units    septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments segments on the network
 * @param perSegment how many units each of those segments holds
 */
public record SmsSegments(String encoding, int units, int segments, int perSegment) {

    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    public static SmsSegments of(String text) {
        String s = text == null ? "" : text;
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < s.length() && gsm; i++) {
            char c = s.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
            }
        }
        if (gsm) {
            return septets <= 160
                    ? new SmsSegments("GSM-7", septets, septets == 0 ? 0 : 1, 160)
                    : new SmsSegments("GSM-7", septets, (septets + 152) / 153, 153);
        }
        int units = s.length();
        return units <= 70
                ? new SmsSegments("UCS-2", units, 1, 70)
                : new SmsSegments("UCS-2", units, (units + 66) / 67, 67);
    }

    /** E.g. "GSM-7 · 1 segment (142 of 160)". */
    public String describe() {
        return encoding + " · " + segments + (segments == 1 ? " segment" : " segments") + " (" + units + " of "
                + segments * perSegment + ")";
    }
}
