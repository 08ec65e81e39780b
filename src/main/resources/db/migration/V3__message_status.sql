-- A message's changing state apart from its wide, write-once row. Status reports and sends lock and
-- update this narrow row only; on H2 a change rewrites its whole B-tree leaf at commit, and a leaf of
-- status rows is a few KB where a leaf of full messages is up to 16 KB. Dialect-neutral, as V1.
CREATE TABLE message_status (
    message_id      VARCHAR(36) PRIMARY KEY,
    status          VARCHAR(32) NOT NULL,
    error_code      VARCHAR(32),
    error_reason    VARCHAR(1000),
    attempts        INTEGER     NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    notified_status VARCHAR(32),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO message_status (message_id, status, error_code, error_reason, attempts, next_attempt_at,
                            notified_status, updated_at)
SELECT id, status, error_code, error_reason, attempts, next_attempt_at, notified_status, updated_at
FROM messages;

ALTER TABLE messages DROP COLUMN status;
ALTER TABLE messages DROP COLUMN error_code;
ALTER TABLE messages DROP COLUMN error_reason;
ALTER TABLE messages DROP COLUMN attempts;
ALTER TABLE messages DROP COLUMN next_attempt_at;
ALTER TABLE messages DROP COLUMN notified_status;
ALTER TABLE messages DROP COLUMN updated_at;
