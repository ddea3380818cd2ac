-- Which program an appointment started: reminders for a visit, preparation for a procedure.
alter table appointment_reminder add column program varchar(40);
update appointment_reminder set program = 'appointment-reminder' where program is null;
