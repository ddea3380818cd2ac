-- Patients' phone numbers and email addresses are stored sealed (AES-256-GCM, like message bodies), and the look-ups
-- that need equality use a blind index: a keyed hash (HMAC-SHA256) of the contact, under a key wrapped like the data
-- keys. Nothing is dropped: rows written before stay as they are until the start-up pass (ContactIndexUpgrade) seals
-- their contacts and fills their index, and the key columns of the three contact tables are renamed to say that they
-- hold the index from then on.
alter table outbound_message add column to_index varchar(64);
alter table inbound_message add column from_index varchar(64);
drop index ix_outbound_message_to;
create index ix_outbound_message_to on outbound_message (to_index, created_at);
create index ix_inbound_message_from on inbound_message (from_index, received_at);
-- patients' contacts, sealed (a 320-character address sealed and base64-encoded is under 500 characters)
alter table outbound_message alter column to_number set data type varchar(1000);
alter table inbound_message alter column from_number set data type varchar(1000);
alter table consent_record alter column contact set data type varchar(1000);
-- patients' words as evidence of a consent decision, sealed like message bodies
alter table consent_record alter column words set data type varchar(12000);
alter table sms_opt_out alter column words set data type varchar(12000);
-- staff's TOTP secrets and automated summaries, sealed
alter table staff_second_factor alter column secret set data type varchar(1000);
alter table handoff_summary alter column summary set data type varchar(8000);
-- the contact tables are keyed by the blind index of the number or address (43 characters)
alter table sms_opt_out alter column phone_number set data type varchar(320);
alter table number_lookup alter column phone_number set data type varchar(320);
alter table sms_opt_out rename column phone_number to number_index;
alter table contact_invalid rename column phone_number to contact_index;
alter table number_lookup rename column phone_number to number_index;
