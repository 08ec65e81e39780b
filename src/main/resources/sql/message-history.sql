-- status history of a message, oldest first
SELECT status, detail, created_at AS at
FROM message_events
WHERE message_id = CAST(:#id AS UUID)
ORDER BY id
