-- The bridge's own ids (messages, conversations, sessions, and the columns that point at them) as
-- UUID: 16 bytes instead of 36 characters, so the keys and their indexes shrink. Every id stored is
-- a UUID the bridge made. One migration per database (this one and db/h2/V5): PostgreSQL must drop
-- the sessions' foreign key, by the name it gave it (not H2's), while both of its ends change. Each
-- table is rewritten once (14 s for a million messages, measured here), holding off the bridge until
-- it is done.
ALTER TABLE sticky_sessions DROP CONSTRAINT sticky_sessions_conversation_id_fkey;
ALTER TABLE sticky_sessions ALTER COLUMN id TYPE UUID USING CAST(id AS UUID),
    ALTER COLUMN conversation_id TYPE UUID USING CAST(conversation_id AS UUID);
ALTER TABLE conversations ALTER COLUMN id TYPE UUID USING CAST(id AS UUID);
ALTER TABLE sticky_sessions ADD CONSTRAINT sticky_sessions_conversation_id_fkey FOREIGN KEY (conversation_id)
    REFERENCES conversations (id);
ALTER TABLE messages ALTER COLUMN id TYPE UUID USING CAST(id AS UUID),
    ALTER COLUMN conversation_id TYPE UUID USING CAST(conversation_id AS UUID);
ALTER TABLE message_status ALTER COLUMN message_id TYPE UUID USING CAST(message_id AS UUID);
ALTER TABLE message_events ALTER COLUMN message_id TYPE UUID USING CAST(message_id AS UUID);
ALTER TABLE jobs ALTER COLUMN message_id TYPE UUID USING CAST(message_id AS UUID);
ALTER TABLE carrier_receipts ALTER COLUMN message_id TYPE UUID USING CAST(message_id AS UUID);
