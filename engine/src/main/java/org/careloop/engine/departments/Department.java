package org.careloop.engine.departments;

/**
 * A department: a Camunda tenant with its own sender name, help line, sending hours and sender numbers.
 *
 * @param id       the tenant id its programs, handoffs and staff carry
 * @param name     how its messages name the sender, or null: then as {@code careloop.outreach.organisation} says
 * @param helpLine the number at which its patients reach a person, or null: then {@code careloop.outreach.help-line}
 * @param hours    its own, stricter, sending hours, or null: then {@code careloop.outreach.send-from}/{@code send-until}
 * @param senders  the numbers its patients' messages come from (E.164), a pool that a campaign is spread over; empty:
 *                 then {@code careloop.sms.twilio.from}
 */
public record Department(String id, String name, String helpLine, SendingWindow hours, java.util.List<String> senders) {

    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    public Department {
        senders = senders == null ? java.util.List.of() : java.util.List.copyOf(new java.util.LinkedHashSet<>(senders));
        for (String number : senders) {
            if (!E164.matcher(number).matches()) {
                throw new IllegalArgumentException(
                        "Department " + id + ": sender " + number + " is not a number in E.164 (e.g. +16175550200)");
            }
        }
    }
}
