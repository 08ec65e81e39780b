-- recent messages of the calling organization, newest first; number and contact filters optional
SELECT m.id, m.direction, s.status, m.number, m.contact, m.sender_user, m.recipients, m.group_chat,
       m.conversation_id, m.content, m.media_urls, m.provider, s.error_code, s.error_reason, m.keyword, m.created_at,
       s.updated_at
FROM messages m JOIN message_status s ON s.message_id = m.id
WHERE m.organization_id = :#${header.organizationId}
  AND (CAST(:#${header.number} AS VARCHAR(32)) IS NULL OR m.number = :#${header.number})
  AND (CAST(:#${header.contact} AS VARCHAR(64)) IS NULL OR m.contact = :#${header.contact})
ORDER BY m.created_at DESC, m.id
FETCH FIRST 100 ROWS ONLY
