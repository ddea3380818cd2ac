-- When a message may go at the earliest (quiet hours, frequency caps): the caps count a patient's messages per
-- program by it, so the lookup is by patient, program and time.
alter table outbound_message add column send_after timestamp;
update outbound_message set send_after = created_at where send_after is null;
create index ix_outbound_message_caps on outbound_message (patient_id, program, send_after);

-- One row per patient that programs have messaged: a program's message takes it (a row lock until its transaction
-- commits) before it counts the patient's messages, so two steps writing to one patient at once, on any node, count
-- each other and never both take the last place under a cap.
create table outreach_lock (
    patient_id varchar(64) primary key,
    locked_at  timestamp   not null
);
