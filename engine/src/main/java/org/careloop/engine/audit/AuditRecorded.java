package org.careloop.engine.audit;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** An entry of {@code audit_log} waits to be exported as a FHIR AuditEvent. */
@OutboxEvent.Kind(value = "audit-record", lane = Lane.RECORDS)
record AuditRecorded(String auditId) implements OutboxEvent {}
