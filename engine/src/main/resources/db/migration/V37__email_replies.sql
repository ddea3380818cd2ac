-- patients answer emails: the address they wrote to (the replies mailbox) is longer than a phone number
alter table inbound_message alter column to_number set data type varchar(320);
