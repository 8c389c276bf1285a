-- Nearly every message is text, with no media: its media_asset_key and media_status are NULL. On PostgreSQL the two
-- media indexes now hold only the rows with media (partial indexes), so a post no longer adds an entry to each.
-- Every query that reads through them names a value (media_status = 'uploading'), which implies IS NOT NULL, so
-- they still serve it; media_asset_key is read by no query (kept for people and operations). H2 has no partial
-- indexes: there the filters are empty and the indexes are rebuilt as they were.
DROP INDEX messages_media_asset_key_idx;
CREATE INDEX messages_media_asset_key_idx ON messages (media_asset_key)${mediaAssetKeyFilter};
DROP INDEX messages_uploading_idx;
CREATE INDEX messages_uploading_idx ON messages (media_status, created_at)${mediaStatusFilter};
