package org.careloop.engine.departments;

/**
 * A department: a Camunda tenant with its own sender name and help line in messages.
 *
 * @param id       the tenant id its programs, handoffs and staff carry
 * @param name     how its messages name the sender
 * @param helpLine the number at which its patients reach a person
 */
public record Department(String id, String name, String helpLine) {}
