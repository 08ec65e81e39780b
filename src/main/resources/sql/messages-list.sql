-- a page of the calling organization's messages, newest first; number, contact, since and until
-- optional; after the cursor (the last message of the previous page) when one is given. One more row
-- than the page is read, to know whether there is a next page.
SELECT m.id, m.direction, s.status, m.number, m.contact, m.sender_user, m.recipients, m.group_chat,
       m.conversation_id, m.content, m.media_urls, m.provider, s.error_code, s.error_reason, m.keyword, m.created_at,
       s.updated_at
FROM messages m JOIN message_status s ON s.message_id = m.id
WHERE m.organization_id = :#${header.organizationId}
  AND (CAST(:#${header.number} AS VARCHAR(32)) IS NULL OR m.number = :#${header.number})
  AND (CAST(:#${header.contact} AS VARCHAR(64)) IS NULL OR m.contact = :#${header.contact})
  AND (CAST(:#${header.since} AS TIMESTAMP WITH TIME ZONE) IS NULL OR m.created_at >= CAST(:#${header.since} AS TIMESTAMP WITH TIME ZONE))
  AND (CAST(:#${header.until} AS TIMESTAMP WITH TIME ZONE) IS NULL OR m.created_at < CAST(:#${header.until} AS TIMESTAMP WITH TIME ZONE))
  AND (CAST(:#${header.cursorAt} AS TIMESTAMP WITH TIME ZONE) IS NULL
       OR m.created_at < CAST(:#${header.cursorAt} AS TIMESTAMP WITH TIME ZONE)
       OR (m.created_at = CAST(:#${header.cursorAt} AS TIMESTAMP WITH TIME ZONE) AND m.id < CAST(:#${header.cursorId} AS UUID)))
ORDER BY m.created_at DESC, m.id DESC
FETCH FIRST (CAST(:#${header.fetch} AS INTEGER)) ROWS ONLY
