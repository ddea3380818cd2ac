-- Message bodies are stored sealed (AES-256-GCM, base64, with the key's id): room for a 1,600-character text in any
-- script once sealed. Bodies written before stay readable as they are until the re-encryption pass seals them.
alter table outbound_message alter column body set data type varchar(12000);
alter table inbound_message alter column body set data type varchar(12000);
