-- Preventive care gaps: one row per patient and gap once the patient was invited; the sweep keeps the cool-down
-- between invitations by it, and closes the open ones when the qualifying care is recorded.
create table care_gap (
    patient_id          varchar(64)  not null,
    gap                 varchar(40)  not null,
    status              varchar(16)  not null,
    reason              varchar(200),
    process_instance_id varchar(64),
    opened_at           timestamp    not null,
    last_invited_at     timestamp    not null,
    closed_at           timestamp,
    outcome             varchar(40),
    constraint pk_care_gap primary key (patient_id, gap)
);
create index ix_care_gap_status on care_gap (status);
