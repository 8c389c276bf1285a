package com.chirpchat.emulator.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts the bundled FFmpeg libraries loose from the system libraries that only capture devices and GPU acceleration
 * use. The bytedeco build links {@code libavdevice} against PulseAudio, ALSA and XCB and {@code libavutil}/
 * {@code libavcodec} against VA-API and DRM, so its {@code ffmpeg} does not even start on a machine without, say,
 * {@code libpulse.so.0} (a headless server rarely has it). A transcoder never opens a microphone, a screen or a GPU:
 * every call into those libraries is bound lazily (PLT slots, checked for both platforms), so it is enough that the
 * loader no longer insists on finding them. For each such library this rewrites, in the extracted copy only:
 * <ul>
 *   <li>its {@code DT_NEEDED} entry to name {@code libc.so.6} instead (a duplicate the loader ignores), and</li>
 *   <li>its symbol-version requirements ({@code PULSE_0}, {@code ALSA_0.9}, {@code VA_API_0.33.0}...) to name
 *       {@code libc.so.6} and a version libc has, so the loader's version check passes.</li>
 * </ul>
 * Should a device path ever be used, it fails with a symbol lookup error instead of the whole tool failing to load.
 * Only 64-bit little-endian ELF is touched (linux-x86_64 and linux-arm64); anything else is left as it is.
 */
final class DeviceLibraries {

    /** Capture devices (PulseAudio, ALSA, X11 grab) and hardware acceleration (VA-API, DRM, VDPAU). */
    static final Set<String> DETACHED = Set.of("libpulse.so.0", "libasound.so.2", "libxcb.so.1", "libxcb-shm.so.0",
            "libxcb-shape.so.0", "libxcb-xfixes.so.0", "libX11.so.6", "libva.so.2", "libva-drm.so.2",
            "libva-x11.so.2", "libdrm.so.2", "libvdpau.so.1");

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final short VER_FLG_WEAK = 2;
    private static final String KEEP = "libc.so.6";

    private DeviceLibraries() {
    }

    /** @return the libraries detached from {@code file} (empty when it needed none, or is not 64-bit LE ELF) */
    static List<String> detach(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = read(ch, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2 || header.get(5) != 1) {
                return List.of();
            }
            long shoff = header.getLong(0x28);
            int shentsize = Short.toUnsignedInt(header.getShort(0x3A));
            int shnum = Short.toUnsignedInt(header.getShort(0x3C));
            ByteBuffer sections = read(ch, shoff, shentsize * shnum);
            Section dynamic = null;
            Section verneed = null;
            for (int i = 0; i < shnum; i++) {
                Section s = Section.at(sections, i * shentsize);
                if (s.type == SHT_DYNAMIC) {
                    dynamic = s;
                } else if (s.type == SHT_GNU_VERNEED) {
                    verneed = s;
                }
            }
            if (dynamic == null) {
                return List.of();
            }
            Section strtab = Section.at(sections, dynamic.link * shentsize);
            ByteBuffer strings = read(ch, strtab.offset, (int) strtab.size);
            ByteBuffer entries = read(ch, dynamic.offset, (int) dynamic.size);
            long keep = -1;
            List<Integer> doomed = new ArrayList<>();
            List<String> detached = new ArrayList<>();
            for (int at = 0; at + 16 <= entries.limit() && entries.getLong(at) != DT_NULL; at += 16) {
                if (entries.getLong(at) == DT_NEEDED) {
                    String name = string(strings, entries.getLong(at + 8));
                    if (name.equals(KEEP)) {
                        keep = entries.getLong(at + 8);
                    } else if (DETACHED.contains(name)) {
                        doomed.add(at);
                        detached.add(name);
                    }
                }
            }
            if (doomed.isEmpty() || keep < 0) {
                return List.of();
            }
            for (int at : doomed) {
                write(ch, dynamic.offset + at + 8, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, keep));
            }
            if (verneed != null) {
                retargetVersions(ch, verneed, strings, (int) keep);
            }
            return detached;
        }
    }

    /**
     * Points each detached library's version requirements at a version libc really has (its first one here), so the
     * loader's version check passes quietly. Where there is none to borrow they are only made weak, which glibc
     * accepts too, but with a warning on every start.
     */
    private static void retargetVersions(FileChannel ch, Section verneed, ByteBuffer strings, int keep) throws IOException {
        ByteBuffer needs = read(ch, verneed.offset, (int) verneed.size);
        List<Integer> entries = new ArrayList<>();
        int borrowed = -1;
        for (int at = 0, i = 0; i < verneed.info; i++) {
            entries.add(at);
            if (string(strings, Integer.toUnsignedLong(needs.getInt(at + 4))).equals(KEEP) && needs.getShort(at + 2) > 0) {
                borrowed = at + needs.getInt(at + 8);
            }
            int next = needs.getInt(at + 12);
            if (next == 0) {
                break;
            }
            at += next;
        }
        for (int at : entries) {
            if (!DETACHED.contains(string(strings, Integer.toUnsignedLong(needs.getInt(at + 4))))) {
                continue;
            }
            needs.putInt(at + 4, keep);
            int aux = at + needs.getInt(at + 8);
            for (int j = 0; j < Short.toUnsignedInt(needs.getShort(at + 2)); j++) {
                if (borrowed >= 0) {
                    needs.putInt(aux, needs.getInt(borrowed));            // vna_hash
                    needs.putInt(aux + 8, needs.getInt(borrowed + 8));    // vna_name
                } else {
                    needs.putShort(aux + 4, (short) (needs.getShort(aux + 4) | VER_FLG_WEAK));
                }
                aux += needs.getInt(aux + 12);
            }
        }
        write(ch, verneed.offset, needs.rewind());
    }

    private static String string(ByteBuffer strings, long offset) {
        int start = (int) offset;
        int end = start;
        while (end < strings.limit() && strings.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        strings.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
            // keep reading until full or end of file
        }
        return buf.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void write(FileChannel ch, long position, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            ch.write(bytes, position + bytes.position());
        }
    }

    /** The fields of an ELF64 section header this needs. */
    private record Section(int type, long offset, long size, int link, int info) {
        static Section at(ByteBuffer headers, int at) {
            return new Section(headers.getInt(at + 4), headers.getLong(at + 0x18), headers.getLong(at + 0x20),
                    headers.getInt(at + 0x28), headers.getInt(at + 0x2C));
        }
    }
}
