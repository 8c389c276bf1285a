package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.web.ApiException;
import com.chirpchat.emulator.web.Params;
import com.chirpchat.emulator.web.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The {@code file} of an upload request: a multipart part, or a base64 data URI spooled to a temporary file. */
final class IncomingFile {

    private IncomingFile() {
    }

    static UploadedFile of(Params params, Path tempDir, long maxUploadBytes) {
        if (params.file().isPresent()) {
            return params.file().get();
        }
        String value = params.get("file").orElseThrow(() -> ApiException.badRequest("Missing required parameter - file"));
        if (value.startsWith("http://") || value.startsWith("https://") || value.startsWith("s3://") || value.startsWith("gs://")) {
            throw ApiException.badRequest("Remote URLs are not supported by the emulator; upload the file's bytes");
        }
        if (!value.startsWith("data:") || !value.contains(",")) {
            throw ApiException.badRequest("Invalid file parameter: send a multipart file part or a base64 data URI");
        }
        String meta = value.substring(5, value.indexOf(','));
        if (!meta.endsWith(";base64")) {
            throw ApiException.badRequest("Invalid data URI: only base64 data URIs are supported");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(value.substring(value.indexOf(',') + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid data URI: " + e.getMessage());
        }
        if (bytes.length > maxUploadBytes) {
            throw ApiException.badRequest("File size too large. Got " + bytes.length + ". Maximum is " + maxUploadBytes + ".");
        }
        try {
            Path temp = Files.createTempFile(tempDir, "upload-", ".part");
            Files.write(temp, bytes);
            return new UploadedFile(temp, "file", bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the hex MD5 of a file (Cloudinary's {@code etag}) */
    static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
