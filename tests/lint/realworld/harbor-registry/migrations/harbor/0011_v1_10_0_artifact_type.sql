-- migrate:expand
ALTER TABLE artifact ADD COLUMN IF NOT EXISTS type varchar(255); -- expect: prefer-text
-- migrate:rollback
ALTER TABLE artifact DROP COLUMN IF EXISTS type;

-- migrate:migrate
/*set artifact type by media type, one artifact at a time*/
DO $$
DECLARE
    art RECORD;
BEGIN
    FOR art IN SELECT * FROM artifact
    LOOP
        IF art.manifest_media_type = 'application/vnd.oci.image.index.v1+json' THEN
            UPDATE artifact SET type = 'IMAGE_INDEX' WHERE id = art.id; -- expect: unbatched-dml (one row per loop turn, every row in one transaction)
        ELSE
            UPDATE artifact SET type = 'IMAGE' WHERE id = art.id; -- expect: unbatched-dml
        END IF;
    END LOOP;
END $$;
-- migrate:rollback
