-- Opt-outs: a contact who sent STOP to one of our numbers; sending from that number to that contact
-- is refused until the contact sends START. Dialect-neutral.
CREATE TABLE opt_outs (
    number            VARCHAR(32) NOT NULL,
    contact           VARCHAR(64) NOT NULL,
    opted_out_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    source_message_id VARCHAR(36),
    PRIMARY KEY (number, contact)
);
-- which keyword an inbound message was (stop, start, help), shown to the platform and the console
ALTER TABLE messages ADD COLUMN keyword VARCHAR(8);
