-- Send rates (rate: in the directory) shared by every instance: one row per limited integration or
-- number, holding the time its next send may go (GCRA's theoretical arrival time). Dialect-neutral.
CREATE TABLE send_rates (
    rate_key VARCHAR(128) PRIMARY KEY,
    tat      TIMESTAMP WITH TIME ZONE NOT NULL
);
