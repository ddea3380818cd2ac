-- Automated summaries for staff (AI gateway), kept beside the handoff task rather than in the process engine, so
-- that writing one never contends with the process moving on.
create table handoff_summary (
    task_id    varchar(64)   primary key,
    summary    varchar(1000),
    route      varchar(40),
    created_at timestamp     not null
);
