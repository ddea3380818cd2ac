-- Numbers the provider reported unreachable or invalid: nothing more is sent to them, and a coordinator was handed
-- the patient once to update the number in the EHR. A new number on the patient's record is a different row.
create table contact_invalid (
    phone_number varchar(32)  primary key,
    patient_id   varchar(64),
    error_code   varchar(16),
    reason       varchar(200) not null,
    marked_at    timestamp    not null
);
