package com.chirpchat.emulator.upload;

import com.chirpchat.emulator.web.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a raw file is what its name says, when the signed upload restricts formats: a {@code .pdf} must start like
 * a PDF, an Office/OpenDocument file like a ZIP or OLE container, an {@code .rtf} like RTF, and a text format
 * ({@code txt}, {@code csv}, {@code json}, {@code md}) must be text that is not a web page in disguise (HTML, SVG,
 * XML or script markup), since such a file, once served, is a page on the media origin. Formats this class does not
 * know are taken by their name, as before.
 */
final class RawContent {
    private static final int SNIFF = 8192;
    private static final Set<String> TEXT = Set.of("txt", "csv", "json", "md", "tsv", "log");
    private static final Set<String> ZIPPED = Set.of("zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub");
    private static final Set<String> OLE = Set.of("doc", "xls", "ppt");
    private static final byte[] OLE_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final Pattern MARKUP = Pattern.compile(
            "<\\s*(script|html|svg|iframe|object|embed|body|head|meta|foreignobject)[\\s>/]|<!doctype\\s+html|<\\?xml"
                    + "|\\bon[a-z]+\\s*=\\s*[\"']?\\s*javascript:|javascript:", Pattern.CASE_INSENSITIVE);

    private RawContent() {
    }

    /** Refuses the file (400, Cloudinary's wording) when its content is not the declared {@code format}. */
    static void check(String format, Path file) {
        String declared = format.toLowerCase(Locale.ROOT);
        byte[] head = head(file);
        Optional<String> actual = mismatch(declared, head);
        if (actual.isPresent()) {
            throw ApiException.badRequest("Raw file format " + actual.get() + " not allowed (the file was declared as "
                    + declared + ")");
        }
    }

    /** What the file is instead of {@code declared}, when it is not that. */
    static Optional<String> mismatch(String declared, byte[] head) {
        if (declared.equals("pdf")) {
            return indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII), 1024) >= 0 ? Optional.empty() : Optional.of(guess(head));
        }
        if (ZIPPED.contains(declared)) {
            return startsWith(head, new byte[] {'P', 'K', 3, 4}) || startsWith(head, new byte[] {'P', 'K', 5, 6})
                    ? Optional.empty() : Optional.of(guess(head));
        }
        if (OLE.contains(declared)) {
            return startsWith(head, OLE_MAGIC) ? Optional.empty() : Optional.of(guess(head));
        }
        if (declared.equals("rtf")) {
            return startsWith(head, "{\\rtf".getBytes(StandardCharsets.US_ASCII)) ? Optional.empty() : Optional.of(guess(head));
        }
        if (TEXT.contains(declared)) {
            String guessed = guess(head);
            return guessed.equals("text") ? Optional.empty() : Optional.of(guessed);
        }
        return Optional.empty();
    }

    /** A name for what the bytes look like: {@code pdf}, {@code zip}, {@code svg}, {@code html}, {@code binary} or {@code text}. */
    private static String guess(byte[] head) {
        if (indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII), 1024) >= 0) {
            return "pdf";
        }
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            return "zip";
        }
        if (startsWith(head, OLE_MAGIC)) {
            return "ole";
        }
        for (byte b : head) {
            if (b == 0) {
                return "binary";
            }
        }
        String text = new String(head, StandardCharsets.UTF_8);
        // UTF-16 text (BOM) would hide markup from this check: not text for our purposes
        if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            return "binary";
        }
        if (MARKUP.matcher(text).find()) {
            return text.toLowerCase(Locale.ROOT).contains("<svg") ? "svg" : "html";
        }
        return "text";
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] pattern, int within) {
        int end = Math.min(data.length, within + pattern.length) - pattern.length;
        for (int i = 0; i <= end; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
