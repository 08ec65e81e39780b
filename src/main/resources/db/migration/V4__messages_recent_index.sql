-- The list API reads an organization's newest messages; nothing reads messages by conversation.
-- messages_conversation put every new message at a random place in its index (the conversation's),
-- so each commit rewrote a cold index leaf per message on H2 (and dirtied a cold page on PostgreSQL).
-- messages_recent grows at its end (created_at is the insert time) and serves the list's filter and
-- order. Dialect-neutral, as V1.
DROP INDEX messages_conversation;
CREATE INDEX messages_recent ON messages (organization_id, created_at);
