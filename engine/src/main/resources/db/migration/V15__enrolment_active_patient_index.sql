-- The care-gap sweep asks, a page of patients at a time, which of them are in a program now.
create index ix_enrolment_active_patient on enrolment (active_patient_id);
