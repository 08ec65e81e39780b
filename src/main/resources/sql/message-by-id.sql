-- one message of the calling organization (:#id from the URL, :#organizationId from the API key)
SELECT m.id, m.direction, s.status, m.number, m.contact, m.sender_user, m.recipients, m.group_chat,
       m.conversation_id, m.content, m.media_urls, m.encoding, m.segments, m.provider, m.provider_message_id,
       s.error_code, s.error_reason, s.attempts, s.next_attempt_at, m.keyword, m.created_at, s.updated_at
FROM messages m JOIN message_status s ON s.message_id = m.id
WHERE m.id = CAST(:#id AS UUID) AND m.organization_id = :#organizationId
