-- Deduplicate user_ips before the unique index goes on, through a temporary table.
-- migrate:migrate
CREATE TEMPORARY TABLE user_ips_dups AS
  SELECT user_id, access_token, ip, MAX(device_id) AS device_id, MAX(user_agent) AS user_agent, MAX(last_seen) AS last_seen
    FROM user_ips
   GROUP BY user_id, access_token, ip
  HAVING count(*) > 1;

DELETE FROM user_ips USING user_ips_dups -- expect: unbatched-dml
 WHERE user_ips.user_id = user_ips_dups.user_id
   AND user_ips.access_token = user_ips_dups.access_token
   AND user_ips.ip = user_ips_dups.ip;

INSERT INTO user_ips (user_id, access_token, ip, device_id, user_agent, last_seen)
  SELECT user_id, access_token, ip, device_id, user_agent, last_seen FROM user_ips_dups;

DROP TABLE user_ips_dups;
-- migrate:rollback
