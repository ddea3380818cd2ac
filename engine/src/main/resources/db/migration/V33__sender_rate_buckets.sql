-- The sender numbers' token buckets, shared by every node on PostgreSQL (careloop.sms.shared-rate-limits): Bucket4j's
-- state per sender number, read and written under a row lock, so that N nodes together keep a long code's one
-- message a second. One row per sender number.
create table sender_rate_bucket (
    id    varchar(64) primary key,
    state bytea
);
