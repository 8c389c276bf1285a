-- Housekeeping reads: media still waiting for its upload (oldest first) and old notification records.
CREATE INDEX messages_uploading_idx ON messages (media_status, created_at);
CREATE INDEX media_notifications_received_idx ON media_notifications (received_at);
