-- Camunda's job executor looks for due jobs (camunda.bpm.generic-properties: ensure-job-due-date-not-null, so every
-- job has a due date). Most jobs of a large population are timers due in days; this index finds the due few without
-- reading the rest.
create index cl_idx_job_due on act_ru_job (duedate_);
