-- sign-outs the identity provider announced (OpenID Connect back-channel logout): every node ends the matching
-- sessions at their next request; no PHI, the provider's subject and session ids only
create table sso_logout (
    id         varchar(64)  primary key,
    issuer     varchar(500) not null,
    subject    varchar(255),
    sid        varchar(255),
    ended_at   timestamp    not null
);
create index ix_sso_logout_sid on sso_logout (issuer, sid);
create index ix_sso_logout_subject on sso_logout (issuer, subject, ended_at);
create index ix_sso_logout_ended on sso_logout (ended_at);
