package com.chirpchat.emulator.delivery;

import com.chirpchat.emulator.store.Asset;

import java.nio.charset.StandardCharsets;

/**
 * How files are named when they are handed out as downloads. Raw files (documents) always are: a browser then saves
 * them under their original name instead of rendering, say, an uploaded HTML file on the media origin.
 */
final class Attachments {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private Attachments() {
    }

    /** @return e.g. {@code attachment; filename="Report.pdf"; filename*=UTF-8''Report.pdf} (RFC 6266, RFC 8187) */
    static String disposition(String kind, String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** @return a raw file's name as uploaded: its original name and the extension its format came from */
    static String rawName(Asset a) {
        String base = a.originalFilename().isEmpty() ? a.publicId().substring(a.publicId().lastIndexOf('/') + 1)
                : a.originalFilename();
        return a.format().isEmpty() || base.toLowerCase(java.util.Locale.ROOT).endsWith("." + a.format()) ? base
                : base + "." + a.format();
    }

    /** @return a raw file's content type, from its format (else from its public id's extension) */
    static String rawType(Asset a) {
        return ContentTypes.of(a.format().isEmpty() ? a.publicId() : "x." + a.format());
    }
}
