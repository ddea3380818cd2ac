-- The data keys that encrypt patients' information in CareLoop's tables and process variables (a Tink keyset of
-- AES-256-GCM keys, the newest primary), stored only wrapped (encrypted) by the key-encryption key, which lives
-- outside the database (careloop.crypto.kek-file).
create table phi_keyset (
    id         int            primary key,
    wrapped    varchar(20000) not null,
    updated_at timestamp      not null
);
