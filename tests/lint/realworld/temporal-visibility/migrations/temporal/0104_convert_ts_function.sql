-- v1.4: a helper for the generated columns of 0105.
-- migrate:expand
CREATE OR REPLACE FUNCTION convert_ts(s VARCHAR) RETURNS TIMESTAMP AS $$
BEGIN
  RETURN s::timestamptz at time zone 'UTC';
END
$$ LANGUAGE plpgsql IMMUTABLE RETURNS NULL ON NULL INPUT;
-- migrate:rollback
DROP FUNCTION IF EXISTS convert_ts(VARCHAR);
