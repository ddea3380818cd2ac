-- The audit trail of access to patients' information: every read, search, write and page view of a person or a
-- system, kept here first (in the transaction-free moment it happens) and exported as FHIR AuditEvent after. Rows
-- are never changed or deleted by CareLoop.
create table audit_log (
    id          varchar(64)     primary key,
    recorded_at timestamp       not null,
    agent       varchar(100),
    patient_id  varchar(64),
    action      varchar(8)      not null,
    resource    varchar(200000) not null
);
create index ix_audit_log_patient on audit_log (patient_id, recorded_at);
create index ix_audit_log_agent on audit_log (agent, recorded_at);
