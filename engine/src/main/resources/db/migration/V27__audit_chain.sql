-- The audit trail as a hash chain: each record, once sealed, carries its place in the chain and the SHA-256 of its
-- content and of the record before it; the head holds the last place and hash. A changed, deleted or inserted record
-- breaks the chain where it happened (AuditChain.verify).
alter table audit_log add column chain_seq bigint;
alter table audit_log add column chain_hash varchar(64);
-- sealing finds the unsealed records (chain_seq is null) and verification walks the chain, both through this index
create unique index ux_audit_log_chain on audit_log (chain_seq);
-- the auditor's search by time alone
create index ix_audit_log_recorded on audit_log (recorded_at);
create table audit_chain_head (
    id        int         primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- every patient an access was about (a list view names many), for the auditor's search by patient
create table audit_patient (
    patient_id varchar(64) not null,
    audit_id   varchar(64) not null,
    primary key (patient_id, audit_id)
);
insert into audit_patient (patient_id, audit_id) select patient_id, id from audit_log where patient_id is not null;
