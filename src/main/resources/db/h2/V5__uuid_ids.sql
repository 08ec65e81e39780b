-- The bridge's own ids (messages, conversations, sessions, and the columns that point at them) as
-- UUID: 16 bytes instead of 36 characters. H2 rewrites every changed page whole at commit, and these
-- ids were most of the strings in those pages. Every id stored is a UUID the bridge made.
-- One migration per database (this one and db/postgresql/V5): H2 converts a column in place and has
-- no USING; PostgreSQL needs USING and the foreign key dropped while both of its ends change. The
-- dialect-neutral way (add a column, copy, drop, rename) took 81 s and 1.9 GB of file for 100,000
-- messages on H2, against 9 s and 0.3 GB this way.
ALTER TABLE sticky_sessions ALTER COLUMN id SET DATA TYPE UUID;
ALTER TABLE sticky_sessions ALTER COLUMN conversation_id SET DATA TYPE UUID;
ALTER TABLE conversations ALTER COLUMN id SET DATA TYPE UUID;
ALTER TABLE messages ALTER COLUMN id SET DATA TYPE UUID;
ALTER TABLE messages ALTER COLUMN conversation_id SET DATA TYPE UUID;
ALTER TABLE message_status ALTER COLUMN message_id SET DATA TYPE UUID;
ALTER TABLE message_events ALTER COLUMN message_id SET DATA TYPE UUID;
ALTER TABLE jobs ALTER COLUMN message_id SET DATA TYPE UUID;
ALTER TABLE carrier_receipts ALTER COLUMN message_id SET DATA TYPE UUID;
