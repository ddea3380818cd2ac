-- A completion's outcome in a column of its own, beside the person's note.
alter table handoff_change add column outcome varchar(60);
