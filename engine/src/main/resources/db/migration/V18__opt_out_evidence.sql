-- The evidence of each opt-out: how it was asked (a keyword, or words the rules read as a clear request), the
-- patient's exact words, and the inbound message that carried them.
alter table sms_opt_out add column source varchar(16);
alter table sms_opt_out add column words varchar(1600);
alter table sms_opt_out add column inbound_message_id varchar(64);
