-- one message of the calling organization (:#id from the URL, :#organizationId from the API key)
SELECT id, direction, status, number, contact, sender_user, recipients, group_chat, conversation_id,
       content, media_urls, encoding, segments, provider, provider_message_id, error_code, error_reason,
       attempts, next_attempt_at, created_at, updated_at
FROM messages
WHERE id = :#id AND organization_id = :#organizationId
