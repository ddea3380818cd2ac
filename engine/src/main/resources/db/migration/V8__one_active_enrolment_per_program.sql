-- One engagement per patient per program at a time. active_patient_id holds the patient's id while the enrolment
-- runs and is cleared when it ends, so the unique constraint admits one running enrolment per patient and program
-- (NULLs do not collide, on H2 and on PostgreSQL), and a newer discharge finds the one it supersedes by index.
alter table enrolment add column active_patient_id varchar(64);
alter table enrolment add column ended_at timestamp;
alter table enrolment add column outcome varchar(40);

-- Enrolments whose process still runs are active; of a patient's running enrolments in one program, the one with
-- the latest discharge (then the greatest id) is kept active, so the constraint below holds on an upgraded database.
update enrolment set active_patient_id = patient_id
where exists (select 1 from act_ru_execution x where x.id_ = enrolment.process_instance_id)
  and not exists (
    select 1 from enrolment n
    where n.program = enrolment.program and n.patient_id = enrolment.patient_id
      and (n.discharge_time > enrolment.discharge_time
           or (n.discharge_time = enrolment.discharge_time and n.id > enrolment.id))
      and exists (select 1 from act_ru_execution y where y.id_ = n.process_instance_id));

update enrolment set outcome = 'ended-before-upgrade'
where active_patient_id is null;

alter table enrolment add constraint uq_enrolment_active unique (program, active_patient_id);
