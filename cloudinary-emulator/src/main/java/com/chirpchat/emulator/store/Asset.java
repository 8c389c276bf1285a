package com.chirpchat.emulator.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An uploaded asset as persisted in {@code asset.json}. Zero {@code width}/{@code height}/{@code duration} and
 * an empty {@code format} mean "not applicable" (raw files, audio).
 *
 * @param assetId          stable id, kept across overwrites
 * @param resourceType     {@code image}, {@code video} or {@code raw}
 * @param type             {@code upload}, {@code private} or {@code authenticated}
 * @param publicId         full public id
 * @param version          version number (seconds since the epoch at upload)
 * @param versionId        random id of this version
 * @param format           detected format ({@code jpg}, {@code mp4}, {@code mp3}...), empty for raw files
 * @param bytes            size of the original
 * @param width            pixels, 0 when not applicable
 * @param height           pixels, 0 when not applicable
 * @param duration         seconds, 0 for images and raw files
 * @param audio            whether this is an audio-only {@code video} resource
 * @param pages            image pages/frames (1 for still images)
 * @param etag             MD5 of the original
 * @param createdAt        upload time, ISO-8601 UTC (e.g. {@code 2026-11-23T10:15:30Z})
 * @param tags             tags
 * @param context          custom context key/values
 * @param originalFilename name of the uploaded file without extension
 * @param assetFolder      folder shown in the Media Library
 * @param displayName      display name
 * @param media            video/audio details reported by ffprobe (codecs, bit rate, frame rate...)
 * @param originalFile     file name of the original inside the asset folder
 * @param pending          eager batches accepted but not yet processed (resumed after a restart)
 * @param tokenOnly        uploaded with {@code access_control=[{"access_type":"token"}]}: delivered only under a
 *                         {@code __cld_token__}, never for a (permanent) {@code s--SIG--} URL signature
 */
public record Asset(String assetId,
                    String resourceType,
                    String type,
                    String publicId,
                    long version,
                    String versionId,
                    String format,
                    long bytes,
                    int width,
                    int height,
                    double duration,
                    boolean audio,
                    int pages,
                    String etag,
                    String createdAt,
                    List<String> tags,
                    Map<String, String> context,
                    String originalFilename,
                    String assetFolder,
                    String displayName,
                    Map<String, Object> media,
                    String originalFile,
                    List<PendingBatch> pending,
                    boolean tokenOnly) {

    public Asset {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publicId, "publicId");
        format = format == null ? "" : format;
        tags = tags == null ? List.of() : List.copyOf(tags);
        context = context == null ? Map.of() : Map.copyOf(context);
        originalFilename = originalFilename == null ? "" : originalFilename;
        assetFolder = assetFolder == null ? "" : assetFolder;
        displayName = displayName == null ? "" : displayName;
        media = media == null ? Map.of() : media;
        pending = pending == null ? List.of() : List.copyOf(pending);
        etag = etag == null ? "" : etag;
        versionId = versionId == null ? "" : versionId;
    }

    public AssetKey key() {
        return new AssetKey(resourceType, type, publicId);
    }

    public Asset withPending(List<PendingBatch> newPending) {
        return new Asset(assetId, resourceType, type, publicId, version, versionId, format, bytes, width, height, duration,
                audio, pages, etag, createdAt, tags, context, originalFilename, assetFolder, displayName, media,
                originalFile, newPending, tokenOnly);
    }
}
