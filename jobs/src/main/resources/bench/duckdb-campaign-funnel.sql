-- The single-machine reference of `conversa bench`: DuckDB computes the campaign funnel of
-- SPEC section 3 straight from the raw log files, with no lake in between. {files} is replaced by
-- the list of log files. Statements are separated by a semicolon at the end of a line.
-- It neither checks signatures nor pseudonymises, and it links no business-scoped user id to a
-- phone number: it is the least work that gives the same per-campaign counts.
CREATE TEMP TABLE bodies AS
SELECT CASE WHEN body IS NULL THEN entry WHEN json_valid(body) THEN json_extract(body, '$.entry') END AS entry
FROM read_json({files}, format = 'newline_delimited', ignore_errors = true, compression = 'auto',
               columns = {entry: 'JSON', body: 'VARCHAR'});

CREATE TEMP TABLE changes AS
SELECT waba_id, json_extract(change, '$.value') AS value,
       json_extract_string(change, '$.value.metadata.phone_number_id') AS phone_number_id
FROM (SELECT json_extract_string(e, '$.id') AS waba_id, unnest(json_extract(e, '$.changes[*]')) AS change
      FROM (SELECT unnest(json_extract(entry, '$[*]')) AS e FROM bodies WHERE entry IS NOT NULL))
WHERE json_extract_string(change, '$.field') = 'messages';

CREATE TEMP TABLE statuses AS
SELECT waba_id, phone_number_id,
       json_extract_string(s, '$.id') AS message_id,
       json_extract_string(s, '$.status') AS status,
       to_timestamp(TRY_CAST(json_extract_string(s, '$.timestamp') AS BIGINT)) AS status_at,
       coalesce(json_extract_string(s, '$.recipient_id'), json_extract_string(s, '$.recipient_user_id')) AS user_id,
       json_extract_string(s, '$.biz_opaque_callback_data') AS callback
FROM (SELECT waba_id, phone_number_id, unnest(json_extract(value, '$.statuses[*]')) AS s FROM changes)
WHERE coalesce(json_extract_string(s, '$.type'), 'message') = 'message'
  AND coalesce(json_extract_string(s, '$.recipient_type'), 'individual') <> 'group';

CREATE TEMP TABLE inbound AS
SELECT waba_id, phone_number_id,
       json_extract_string(m, '$.id') AS message_id,
       json_extract_string(m, '$.type') AS type,
       json_extract_string(m, '$.interactive.type') AS interactive_type,
       json_extract_string(m, '$.context.id') AS context_id,
       to_timestamp(TRY_CAST(json_extract_string(m, '$.timestamp') AS BIGINT)) AS sent_at,
       coalesce(json_extract_string(m, '$.from'), json_extract_string(m, '$.from_user_id')) AS user_id
FROM (SELECT waba_id, phone_number_id, unnest(json_extract(value, '$.messages[*]')) AS m FROM changes);

CREATE TEMP TABLE outbound AS
SELECT message_id, min(waba_id) AS waba_id, min(phone_number_id) AS phone_number_id, min(user_id) AS user_id,
       coalesce(min(CASE WHEN ltrim(callback) LIKE '{%' THEN nullif(trim(json_extract_string(callback, '$.campaign')), '')
                         ELSE nullif(trim(callback), '') END), '(none)') AS campaign,
       coalesce(min(status_at) FILTER (WHERE status = 'sent'), min(status_at)) AS sent_at,
       min(status_at) FILTER (WHERE status IN ('delivered', 'read', 'played')) AS delivered_at,
       min(status_at) FILTER (WHERE status IN ('read', 'played')) AS read_at,
       min(status_at) FILTER (WHERE status = 'failed') AS failed_at
FROM statuses GROUP BY message_id;

CREATE TEMP TABLE replies AS
SELECT DISTINCT ON (message_id) message_id, phone_number_id, user_id, type, interactive_type, context_id, sent_at
FROM inbound WHERE message_id IS NOT NULL AND coalesce(type, '') NOT IN ('system', 'request_welcome', 'revoke', 'edit');

CREATE TEMP TABLE outcomes AS
SELECT o.*,
       o.delivered_at IS NOT NULL AS is_delivered,
       o.read_at IS NOT NULL AS is_read,
       o.failed_at IS NOT NULL AND o.delivered_at IS NULL AS is_failed,
       EXISTS (SELECT 1 FROM replies r WHERE r.user_id = o.user_id AND r.phone_number_id = o.phone_number_id AND r.sent_at > o.sent_at
               AND r.sent_at <= o.sent_at + INTERVAL 24 HOUR) AND NOT (o.failed_at IS NOT NULL AND o.delivered_at IS NULL) AS is_replied,
       EXISTS (SELECT 1 FROM replies r WHERE r.context_id = o.message_id AND r.sent_at > o.sent_at
               AND r.sent_at <= o.sent_at + INTERVAL 24 HOUR
               AND (r.type = 'button' OR (r.type = 'interactive' AND r.interactive_type IN ('button_reply', 'list_reply', 'nfm_reply')))) AS is_clicked
FROM outbound o;

-- Last touch: each order credits the latest campaign message (not failed) to the same user of the
-- same business within 7 days before it.
CREATE TEMP TABLE credits AS
SELECT c.message_id, count(*) AS conversions
FROM (SELECT DISTINCT ON (message_id) waba_id, user_id, sent_at FROM inbound WHERE type = 'order') p
ASOF JOIN (SELECT message_id, waba_id, user_id, sent_at FROM outcomes WHERE campaign <> '(none)' AND NOT is_failed) c
  ON p.waba_id = c.waba_id AND p.user_id = c.user_id AND p.sent_at > c.sent_at
WHERE p.sent_at <= c.sent_at + INTERVAL 7 DAY
GROUP BY c.message_id;

SELECT waba_id AS client, campaign, CAST(sent_at AS DATE) AS send_date,
       count(DISTINCT user_id) AS users, count(*) AS sent,
       count(*) FILTER (WHERE is_delivered) AS delivered, count(*) FILTER (WHERE is_read) AS read,
       count(*) FILTER (WHERE is_failed) AS failed, count(*) FILTER (WHERE is_replied) AS replied,
       count(*) FILTER (WHERE is_clicked) AS clicked, count(c.message_id) AS converted,
       quantile_cont(epoch(read_at) - epoch(sent_at), 0.5) FILTER (WHERE is_read) AS median_seconds_to_read
FROM outcomes LEFT JOIN credits c USING (message_id) GROUP BY ALL ORDER BY ALL;
