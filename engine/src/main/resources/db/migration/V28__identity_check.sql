-- A patient confirms who they are before the web chat shows anything personal: their date of birth, then a one-time
-- code texted to the mobile on file. One row per patient, whichever link they use: failed tries (a lockout after
-- too many), the code's keyed hash (never the code) and when it ends, and how many codes went out this hour.
create table identity_check (
    patient_id         varchar(64) primary key,
    failures           int         not null,
    locked_until       timestamp,
    code_hash          varchar(64),
    code_expires_at    timestamp,
    codes_sent         int         not null,
    codes_window_start timestamp
);
