-- jobs due now: ready and past their next attempt, or taken by an instance whose lease ran out
SELECT id, kind
FROM jobs
WHERE (state = 'ready' AND next_attempt_at <= CURRENT_TIMESTAMP)
   OR (state = 'running' AND locked_until < CURRENT_TIMESTAMP)
ORDER BY next_attempt_at, id
FETCH FIRST 500 ROWS ONLY
