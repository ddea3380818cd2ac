-- where a patient asked CareLoop to send their care team's messages, beside the order their record gives; no PHI
create table contact_preference (
    patient_id varchar(64) primary key,
    channel    varchar(16) not null,
    chosen_at  timestamp   not null,
    source     varchar(32) not null
);
