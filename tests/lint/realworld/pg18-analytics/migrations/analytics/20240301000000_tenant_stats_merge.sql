-- migrate:migrate
-- PostgreSQL 17: MERGE ... RETURNING.
MERGE INTO tenant_stats s -- expect: not-understood
USING (SELECT tenant_id, count(*) AS n, max(created_at) AS last_at FROM events GROUP BY tenant_id) e
   ON s.tenant_id = e.tenant_id
 WHEN MATCHED THEN UPDATE SET events = e.n, last_event_at = e.last_at
 WHEN NOT MATCHED THEN INSERT (tenant_id, events, last_event_at) VALUES (e.tenant_id, e.n, e.last_at)
RETURNING merge_action(), s.tenant_id;
-- PostgreSQL 15 MERGE: every tenant row updated in one statement, like an unbatched UPDATE.
MERGE INTO tenant_stats s -- expect: unbatched-dml
USING tenants t
   ON s.tenant_id = t.id
 WHEN MATCHED THEN UPDATE SET events = 0
 WHEN NOT MATCHED THEN INSERT (tenant_id) VALUES (t.id);
-- migrate:rollback
