-- What the carrier lookup (Twilio Lookup v2 dialect) said about a number, kept for careloop.lookup.fresh-for: whether
-- it is a valid number, its line type (mobile, landline, ...) and its status (active, inactive, ...). A landline takes
-- no texts; a number not in service takes nothing.
create table number_lookup (
    phone_number varchar(32) primary key,
    valid        boolean     not null,
    line_type    varchar(32),
    line_status  varchar(32),
    looked_up_at timestamp   not null
);
