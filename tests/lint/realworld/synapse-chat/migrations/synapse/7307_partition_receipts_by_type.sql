-- One index per receipt type, built with names derived from the type.
-- migrate:expand
DO $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT DISTINCT receipt_type FROM receipts_linearized LOOP
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON receipts_linearized (room_id, stream_id) WHERE receipt_type = %L', -- expect: not-understood
                       'receipts_linearized_' || replace(t, '.', '_'), t);
    END LOOP;
END
$$;
-- migrate:rollback irreversible
