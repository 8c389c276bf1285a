package com.chirpchat.emulator.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The few ISO-BMFF boxes of a HEIF/AVIF still image that decide how it is shown: the brands in {@code ftyp}, and the
 * primary item's {@code irot}/{@code imir} properties, applied in the order the item lists them (ffmpeg decodes
 * the coded picture but ignores them, so a phone's HEIC would otherwise come out sideways).
 */
final class HeifBoxes {

    private static final Set<String> BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1",
            "avif", "avis");
    private static final int HEAD = 512 * 1024;

    private HeifBoxes() {
    }

    /** @return the file's brands when it is a HEIF or AVIF image, else empty */
    static Optional<Set<String>> brands(Path file) {
        ByteBuffer head = head(file);
        if (head.remaining() < 16 || !type(head, 4).equals("ftyp")) {
            return Optional.empty();
        }
        int size = head.getInt(0);
        Set<String> brands = new HashSet<>();
        brands.add(type(head, 8));
        for (int at = 16; at + 4 <= Math.min(size, head.limit()); at += 4) {
            brands.add(type(head, at));
        }
        return brands.stream().anyMatch(BRANDS::contains) ? Optional.of(brands) : Optional.empty();
    }

    /** @return how the primary item must be turned; upright when the boxes say nothing (or cannot be read) */
    static Orientation orientation(Path file) {
        try {
            ByteBuffer head = head(file);
            Optional<ByteBuffer> meta = child(head, "meta").map(m -> slice(m, 4)); // a full box
            if (meta.isEmpty()) {
                return Orientation.UPRIGHT;
            }
            ByteBuffer pitm = child(meta.get(), "pitm").orElse(null);
            ByteBuffer iprp = child(meta.get(), "iprp").orElse(null);
            if (pitm == null || iprp == null) {
                return Orientation.UPRIGHT;
            }
            long primary = pitm.get(8) == 0 ? pitm.getShort(12) & 0xffff : pitm.getInt(12) & 0xffffffffL; // a full box
            ByteBuffer inside = slice(iprp, 0);
            List<ByteBuffer> properties = child(inside, "ipco").map(ipco -> children(slice(ipco, 0))).orElse(List.of());
            Orientation o = Orientation.UPRIGHT;
            for (int index : associations(child(inside, "ipma").orElse(ByteBuffer.allocate(16)), primary)) {
                if (index >= 1 && index <= properties.size()) {
                    ByteBuffer p = properties.get(index - 1);
                    String t = type(p, 4);
                    if (t.equals("irot")) {
                        o = o.then(Orientation.irot(p.get(8) & 0x3));
                    } else if (t.equals("imir")) {
                        o = o.then(Orientation.imir(p.get(8) & 0x1));
                    }
                }
            }
            return o;
        } catch (RuntimeException e) {
            return Orientation.UPRIGHT;
        }
    }

    /** Property indices (1-based) associated with {@code item}, in order. */
    private static List<Integer> associations(ByteBuffer ipma, long item) {
        int version = ipma.get(8) & 0xff;
        boolean wide = (ipma.getInt(8) & 1) != 0;
        int at = 12;
        long entries = ipma.getInt(at) & 0xffffffffL;
        at += 4;
        List<Integer> out = new ArrayList<>();
        for (long e = 0; e < entries && at < ipma.limit(); e++) {
            long id = version < 1 ? ipma.getShort(at) & 0xffff : ipma.getInt(at) & 0xffffffffL;
            at += version < 1 ? 2 : 4;
            int count = ipma.get(at++) & 0xff;
            for (int i = 0; i < count; i++) {
                int index = wide ? ipma.getShort(at) & 0x7fff : ipma.get(at) & 0x7f;
                at += wide ? 2 : 1;
                if (id == item) {
                    out.add(index);
                }
            }
        }
        return out;
    }

    private static Optional<ByteBuffer> child(ByteBuffer parent, String type) {
        return children(parent).stream().filter(b -> type(b, 4).equals(type)).findFirst();
    }

    /** The boxes directly inside {@code parent} (each buffer starts at the box's size field). */
    private static List<ByteBuffer> children(ByteBuffer parent) {
        List<ByteBuffer> out = new ArrayList<>();
        int at = 0;
        while (at + 8 <= parent.limit()) {
            long size = parent.getInt(at) & 0xffffffffL;
            if (size == 1 || size < 8 || at + size > parent.limit()) {
                break; // 64-bit sizes only occur for media data, which comes after what we look for
            }
            out.add(parent.slice(at, (int) size));
            at += (int) size;
        }
        return out;
    }

    /** The payload of a box after its 8-byte header and {@code skip} more bytes, as a buffer of its children. */
    private static ByteBuffer slice(ByteBuffer box, int skip) {
        return box.slice(8 + skip, box.limit() - 8 - skip);
    }

    private static String type(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ByteBuffer.wrap(in.readNBytes(HEAD));
        } catch (IOException e) {
            return ByteBuffer.allocate(0);
        }
    }
}
