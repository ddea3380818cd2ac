-- The number a message is sent from: its patient's department's own sender, or null for the default sender.
alter table outbound_message add column from_number varchar(32);
