-- Chronic-disease check-ins enrol from a Condition, not a stay: the enrolment names its condition, what each
-- check-in asks for and how often, and counts the check-ins asked, answered and missed in a row (adherence).
alter table enrolment alter column encounter_id drop not null;
alter table enrolment alter column discharge_time drop not null;
alter table enrolment add column condition_id varchar(64);
alter table enrolment add column measure varchar(20);
alter table enrolment add column cadence varchar(20);
alter table enrolment add column asked integer default 0 not null;
alter table enrolment add column answered integer default 0 not null;
alter table enrolment add column missed_in_row integer default 0 not null;
create index ix_enrolment_condition on enrolment (condition_id);

alter table enrolment_decision alter column encounter_id drop not null;
alter table enrolment_decision add column condition_id varchar(64);
create index ix_enrolment_decision_condition on enrolment_decision (condition_id);
