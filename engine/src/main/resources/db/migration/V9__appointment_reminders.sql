-- Appointment reminders: one row per appointment whose reminders run or ran. The primary key makes a retried or
-- re-sent Appointment start its reminders once, across nodes; the EHR's later writes find the row by it.
create table appointment_reminder (
    appointment_id      varchar(64)  primary key,
    patient_id          varchar(64)  not null,
    start_time          timestamp    not null,
    process_instance_id varchar(64),
    outcome             varchar(40),
    created_at          timestamp    not null,
    ended_at            timestamp
);
create index ix_appointment_reminder_patient on appointment_reminder (patient_id);
