package com.chirpchat.emulator.decode;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the EXIF {@code Orientation} (tag 0x0112 of IFD0) that cameras and phones write instead of turning the
 * pixels: from a JPEG's APP1 segment, a PNG's {@code eXIf} chunk or a WebP's {@code EXIF} chunk. ImageIO decodes
 * the stored pixels and ignores it; Cloudinary (like browsers) shows the picture turned.
 */
final class ExifOrientation {

    private static final int MAX_SEGMENT = 1 << 20;

    private ExifOrientation() {
    }

    /** @return the file's orientation; upright when it has none or it cannot be read */
    static Orientation of(Path file) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = new byte[12];
            in.readFully(magic, 0, 2);
            if ((magic[0] & 0xff) == 0xFF && (magic[1] & 0xff) == 0xD8) {
                return jpeg(in);
            }
            in.readFully(magic, 2, 10);
            if (new String(magic, 1, 3, StandardCharsets.US_ASCII).equals("PNG")) {
                return png(in, magic);
            }
            if (new String(magic, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                    && new String(magic, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
                return webp(in);
            }
        } catch (IOException | RuntimeException e) {
            // no readable EXIF: shown as stored
        }
        return Orientation.UPRIGHT;
    }

    private static Orientation jpeg(DataInputStream in) throws IOException {
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                return Orientation.UPRIGHT;
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) {
                type = in.readUnsignedByte();
            }
            if (type == 0xD9 || type == 0xDA) { // end of image, start of scan: no EXIF before the pixels
                return Orientation.UPRIGHT;
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                continue;
            }
            int length = in.readUnsignedShort() - 2;
            byte[] segment = read(in, length);
            if (type == 0xE1 && length > 6 && new String(segment, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return tiff(ByteBuffer.wrap(segment, 6, length - 6).slice());
            }
        }
    }

    private static Orientation png(DataInputStream in, byte[] header) throws IOException {
        // header holds the 8-byte signature and the first chunk's length
        int length = ByteBuffer.wrap(header, 8, 4).getInt();
        while (true) {
            byte[] type = read(in, 4);
            String name = new String(type, StandardCharsets.US_ASCII);
            if (name.equals("IDAT") || name.equals("IEND")) {
                return Orientation.UPRIGHT;
            }
            if (name.equals("eXIf")) {
                return tiff(ByteBuffer.wrap(read(in, length)));
            }
            in.skipNBytes(length + 4L); // data and CRC
            length = in.readInt();
        }
    }

    private static Orientation webp(DataInputStream in) throws IOException {
        while (true) {
            byte[] head = read(in, 8);
            String name = new String(head, 0, 4, StandardCharsets.US_ASCII);
            int size = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (!name.equals("EXIF")) {
                in.skipNBytes((size & 0xffffffffL) + (size & 1));
                continue;
            }
            byte[] data = read(in, size);
            boolean prefixed = size > 6 && new String(data, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0");
            return tiff(ByteBuffer.wrap(data, prefixed ? 6 : 0, size - (prefixed ? 6 : 0)).slice());
        }
    }

    /** IFD0 of a TIFF structure: byte order, magic 42, offset of IFD0, then 12-byte entries. */
    private static Orientation tiff(ByteBuffer t) {
        if (t.remaining() < 8) {
            return Orientation.UPRIGHT;
        }
        t.order(t.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = t.getInt(4);
        if (t.getShort(2) != 42 || ifd < 8 || ifd + 2 > t.limit()) {
            return Orientation.UPRIGHT;
        }
        int entries = t.getShort(ifd) & 0xffff;
        for (int i = 0; i < entries && ifd + 2 + 12 * (i + 1) <= t.limit(); i++) {
            int at = ifd + 2 + 12 * i;
            if ((t.getShort(at) & 0xffff) == 0x0112 && (t.getShort(at + 2) & 0xffff) == 3) {
                return Orientation.exif(t.getShort(at + 8) & 0xffff);
            }
        }
        return Orientation.UPRIGHT;
    }

    private static byte[] read(InputStream in, int length) throws IOException {
        if (length < 0 || length > MAX_SEGMENT) {
            throw new EOFException("implausible segment length " + length);
        }
        return in.readNBytes(length);
    }
}
