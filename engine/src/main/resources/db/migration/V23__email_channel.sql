-- Email beside SMS: a message's recipient may be an address (RFC 5321 allows 320 characters), and an email has a
-- subject.
alter table outbound_message alter column to_number set data type varchar(320);
alter table outbound_message add column subject varchar(200);
-- an address the mail server refused is kept as invalid, as a number the carrier refused is
alter table contact_invalid alter column phone_number set data type varchar(320);
