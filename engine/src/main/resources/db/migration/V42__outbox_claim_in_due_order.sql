-- A claim reads its lane's candidates in due order, (lane, status, due time, id), and stops after the first few: the
-- index carries that whole order, so neither database sorts the lane's queue to find its head.
drop index ix_outbox_event_lane_due;
create index ix_outbox_event_lane_due on outbox_event (lane, status, next_attempt_at, id);
