-- jobs due now, oldest first (by creation, so a backlog drains in order): ready and past their
-- next attempt, or held by an instance whose lease ran out (it died). Each is then reserved with
-- jobDispatch.admit before it is queued.
SELECT id, kind, integration_id, created_at
FROM jobs
WHERE (state = 'ready' AND next_attempt_at <= CURRENT_TIMESTAMP)
   OR (state IN ('running', 'queued') AND locked_until < CURRENT_TIMESTAMP)
ORDER BY id
FETCH FIRST :#${header.batch} ROWS ONLY
