-- PostgreSQL 17: JSON_TABLE.
-- migrate:expand
CREATE VIEW event_items AS -- expect: not-understood
  SELECT e.id AS event_id, jt.*
    FROM events e,
         JSON_TABLE(e.payload, '$.items[*]'
           COLUMNS (sku text PATH '$.sku', qty integer PATH '$.qty')) AS jt;
-- migrate:rollback
DROP VIEW IF EXISTS event_items;
