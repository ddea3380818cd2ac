-- Staff known only to the organisation's identity provider (single sign-on): their user names and CareLoop groups as
-- their last sign-in gave them, so that a handoff can be handed to a colleague who has no local account. Holds no PHI.
-- Groups are kept between commas (",nurse,main,") so that one group is found with LIKE.
create table staff_directory (
    user_name    varchar(100) primary key,
    group_names  varchar(2000) not null,
    signed_in_at timestamp not null
);
create index staff_directory_signed_in on staff_directory (signed_in_at);
