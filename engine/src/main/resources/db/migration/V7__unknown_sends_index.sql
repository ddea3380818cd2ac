-- the settling of sends that got no answer looks for UNKNOWN messages by age
create index ix_outbound_message_status on outbound_message (status, updated_at);
