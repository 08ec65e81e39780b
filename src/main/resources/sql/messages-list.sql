-- recent messages of the calling organization, newest first; number and contact filters optional
SELECT id, direction, status, number, contact, sender_user, recipients, group_chat, conversation_id,
       content, media_urls, provider, error_code, error_reason, created_at, updated_at
FROM messages
WHERE organization_id = :#${header.organizationId}
  AND (CAST(:#${header.number} AS VARCHAR(32)) IS NULL OR number = :#${header.number})
  AND (CAST(:#${header.contact} AS VARCHAR(64)) IS NULL OR contact = :#${header.contact})
ORDER BY created_at DESC, id
FETCH FIRST 100 ROWS ONLY
