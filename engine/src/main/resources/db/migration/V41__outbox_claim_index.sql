-- A lane's claim asks for its own due events: lane, status PENDING, next_attempt_at passed. Without an index that
-- leads with the lane, the embedded database answered it from (status, next_attempt_at), walking every lane's
-- pending events, so a backlog of FHIR records slowed every claim of the replies lane.
create index ix_outbox_event_lane_due on outbox_event (lane, status, next_attempt_at);
