-- Failed sign-ins, second-factor codes, token requests and webhooks with bad signatures, counted by every node alike on
-- PostgreSQL (careloop.security.shared-throttles): Bucket4j's state per source address or account at an address, read
-- and written under a row lock. expires_at (epoch milliseconds) is when the bucket will have refilled; rows past it
-- are removed in batches. No PHI: addresses and staff account names only.
create table throttle_bucket (
    id         varchar(300) primary key,
    state      bytea,
    expires_at bigint
);
create index throttle_bucket_expires on throttle_bucket (expires_at);
