package org.careloop.rules.triage;

/** Something the rules found in a reply: a red flag, a question, a request for a person, a reassurance. */
public final class Finding {

    private final String code;
    private final Severity severity;
    private final String reason;

    public Finding(String code, Severity severity, String reason) {
        this.code = code;
        this.severity = severity;
        this.reason = reason;
    }

    public String getCode() {
        return code;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Finding[" + code + ", " + severity + "]";
    }
}
