-- A send's state around its carrier call: set just before the call, cleared (or the job deleted)
-- with the answer. A job taken back after a crash with it still set has an unknown outcome, decided
-- by the integration's on-uncertain (resend, fail, check). Dialect-neutral.
ALTER TABLE jobs ADD COLUMN call_started_at TIMESTAMP WITH TIME ZONE;

-- The running bridges, so that a restart (same host, its old process gone) or a silent peer (no
-- heartbeat) gives its jobs back at once instead of after their lease.
CREATE TABLE instances (
    id           VARCHAR(64)  PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
