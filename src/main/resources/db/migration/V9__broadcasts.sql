-- Broadcasts: one text from one of our numbers to up to 1,000 contacts. Each contact is a message of
-- its own (messages.broadcast_id), read, retried and reported like any other. Dialect-neutral.
CREATE TABLE broadcasts (
    id              UUID         PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    integration_id  VARCHAR(64)  NOT NULL,
    number          VARCHAR(32)  NOT NULL,
    sender_user     VARCHAR(255) NOT NULL,
    content         VARCHAR      NOT NULL,
    encoding        VARCHAR(8)   NOT NULL,
    segments        INTEGER      NOT NULL,
    -- the contacts asked for, and those not sent (JSON: each with its code and reason)
    contacts        INTEGER      NOT NULL,
    skipped         VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX broadcasts_created ON broadcasts (created_at);
ALTER TABLE messages ADD COLUMN broadcast_id UUID;
CREATE INDEX messages_broadcast ON messages (broadcast_id);
