-- The file name the uploader declared when asking to upload (e.g. "Quarterly Report.pdf"): a document keeps its
-- name and extension, which Cloudinary does not report for raw files. NULL when none was declared, and for tombstones.
ALTER TABLE messages ADD COLUMN media_file_name VARCHAR(255);
