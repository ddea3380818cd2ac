-- The staff's second factor: each user's TOTP secret (RFC 6238), once confirmed with a code from their authenticator,
-- and the last time step a code was accepted for, so that a code seen once cannot be used again.
create table staff_second_factor (
    user_id        varchar(100) primary key,
    secret         varchar(100) not null,
    confirmed_at   timestamp    not null,
    last_used_step bigint       not null
);
