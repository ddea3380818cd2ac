package org.careloop.engine.departments;

/**
 * A department: a Camunda tenant with its own sender name, help line, sending hours and sender number.
 *
 * @param id       the tenant id its programs, handoffs and staff carry
 * @param name     how its messages name the sender, or null: then as {@code careloop.outreach.organisation} says
 * @param helpLine the number at which its patients reach a person, or null: then {@code careloop.outreach.help-line}
 * @param hours    its own, stricter, sending hours, or null: then {@code careloop.outreach.send-from}/{@code send-until}
 * @param sender   the number its patients' messages come from (E.164), or null: then {@code careloop.sms.twilio.from}
 */
public record Department(String id, String name, String helpLine, SendingWindow hours, String sender) {}
