-- Message template versions beyond those shipped: drafted by an analyst or reviewer, sent only once a clinical
-- reviewer other than the author approves them (DRAFT -> APPROVED -> RETIRED; a draft that is turned down is RETIRED
-- without ever being APPROVED). The newest APPROVED version of a template, language and department is the one sent.
create table message_template_version (
    id            varchar(64)   primary key,
    template_id   varchar(64)   not null,
    language      varchar(16)   not null,
    department    varchar(40)   not null,
    version       int           not null,
    body          varchar(1600) not null,
    status        varchar(16)   not null,
    drafted_by    varchar(64)   not null,
    drafted_at    timestamp     not null,
    reviewed_by   varchar(64),
    reviewed_at   timestamp,
    retired_by    varchar(64),
    retired_at    timestamp,
    note          varchar(400),
    constraint uq_template_version unique (template_id, language, department, version)
);
create index ix_template_version_status on message_template_version (status);

-- the language a patient needed and had no approved translation in: the message went in English, and staff see that
-- the patient needs an interpreter
alter table outbound_message add column interpreter_language varchar(16);
