-- Carrier sends remember their integration, so the outbox poller can hold back the sends of a
-- carrier that is failing (circuit open) and release them in order when it is back.
ALTER TABLE jobs ADD COLUMN integration_id VARCHAR(64);
