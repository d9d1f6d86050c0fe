-- migrate:expand
SELECT E'\x41', $$a;b$$, 'it''s' /* c */;
