package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.web.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Content-Range: bytes start-end/total} of a chunk; {@code total} is -1 (or {@code *}) while unknown.
 *
 * @param start  first byte offset
 * @param end    last byte offset (inclusive)
 * @param total  file size, -1 when not known yet
 */
record ContentRange(long start, long end, long total) {

    private static final Pattern RANGE = Pattern.compile("\\s*bytes\\s+(\\d{1,15})-(\\d{1,15})/(\\d{1,15}|-1|\\*)\\s*");

    static ContentRange parse(String header) {
        Matcher m = RANGE.matcher(header);
        if (!m.matches()) {
            throw ApiException.badRequest("Invalid Content-Range header: " + header);
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        if (end < start || (total >= 0 && end >= total)) {
            throw ApiException.badRequest("Invalid Content-Range header: " + header);
        }
        return new ContentRange(start, end, total);
    }

    long length() {
        return end - start + 1;
    }
}
