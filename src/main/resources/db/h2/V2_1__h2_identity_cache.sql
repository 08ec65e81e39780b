-- H2 only (PostgreSQL never reads this folder). H2 persists an identity's next value by committing
-- its own transaction, a whole new chunk of the file, every CACHE values (default 32): one extra
-- file write for every ~8 messages, a tenth of the bridge's CPU under load. H2's cache is one
-- counter for the database, so ids stay in insertion order; a crash only leaves a gap.
-- (On PostgreSQL a sequence's cache is per connection and would break that order.)
ALTER TABLE message_events ALTER COLUMN id SET CACHE 10000;
ALTER TABLE jobs ALTER COLUMN id SET CACHE 10000;
