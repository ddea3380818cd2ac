-- A pre-procedure program may start from the order (a FHIR ServiceRequest with a scheduled time) before any
-- Appointment exists: its row is keyed 'sr-<order id>' until the Appointment booked for that order takes it over.
-- The order's id stays on the row either way, so the order's later writes (revoked, done, moved) find it by index.
alter table appointment_reminder alter column appointment_id set data type varchar(70);
alter table appointment_reminder add column service_request_id varchar(64);
create index ix_appointment_reminder_order on appointment_reminder (service_request_id);
