-- a completion note (and a message written to the patient) is PHI: sealed like the other texts, so it needs room
alter table handoff_change alter column note set data type varchar(12000);
