package com.chirpchat.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.fail;

/**
 * Writes HEIC files the way phones do (ffmpeg can decode HEIF but cannot write it): HEVC-coded tiles made by
 * ffmpeg's libx265, put into an ISO-BMFF {@code meta} box as one {@code hvc1} item, or as a {@code grid} of
 * hidden tiles (what iPhones store), optionally with an {@code irot} property that tells viewers to turn it.
 */
final class Heif {

    private Heif() {
    }

    /**
     * @param cols  tiles across (1 = a single coded image)
     * @param rows  tiles down
     * @param irot  counter-clockwise quarter turns viewers apply (0-3)
     */
    static Path write(Path dir, String name, BufferedImage img, int cols, int rows, int irot) {
        int tw = img.getWidth() / cols;
        int th = img.getHeight() / rows;
        List<byte[][]> tiles = new ArrayList<>(); // {hvcC box, coded sample}
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                tiles.add(hevc(dir, name + "-" + r + "-" + c, img.getSubimage(c * tw, r * th, tw, th)));
            }
        }
        boolean grid = tiles.size() > 1;
        List<byte[]> payloads = new ArrayList<>();
        ByteArrayOutputStream infes = new ByteArrayOutputStream();
        ByteArrayOutputStream props = new ByteArrayOutputStream();
        ByteArrayOutputStream ipma = new ByteArrayOutputStream();
        int itemCount = grid ? tiles.size() + 1 : 1;
        ipma.writeBytes(ByteBuffer.allocate(4).putInt(itemCount).array());
        // property 1: the picture's size; 2: irot (if any); then per tile its hvcC; last: the tile size
        props.writeBytes(fullBox("ispe", 0, 0, ByteBuffer.allocate(8).putInt(img.getWidth()).putInt(img.getHeight()).array()));
        int next = 2;
        int irotIndex = 0;
        if (irot != 0) {
            props.writeBytes(box("irot", new byte[] {(byte) irot}));
            irotIndex = next++;
        }
        if (grid) {
            byte[] gridData = ByteBuffer.allocate(8).put((byte) 0).put((byte) 0).put((byte) (rows - 1)).put((byte) (cols - 1))
                    .putShort((short) img.getWidth()).putShort((short) img.getHeight()).array();
            payloads.add(gridData);
            infes.writeBytes(fullBox("infe", 2, 0, infe(1, "grid")));
            ipma.writeBytes(association(1, irotIndex == 0 ? new int[] {0x01} : new int[] {0x01, 0x80 | irotIndex}));
            int tileSize = next + tiles.size();
            for (int i = 0; i < tiles.size(); i++) {
                props.writeBytes(tiles.get(i)[0]);
                payloads.add(tiles.get(i)[1]);
                infes.writeBytes(fullBox("infe", 2, 1, infe(i + 2, "hvc1"))); // flags 1: hidden
                ipma.writeBytes(association(i + 2, new int[] {0x80 | (next + i), tileSize}));
            }
            props.writeBytes(fullBox("ispe", 0, 0, ByteBuffer.allocate(8).putInt(tw).putInt(th).array()));
        } else {
            props.writeBytes(tiles.get(0)[0]);
            payloads.add(tiles.get(0)[1]);
            infes.writeBytes(fullBox("infe", 2, 0, infe(1, "hvc1")));
            ipma.writeBytes(association(1, irotIndex == 0 ? new int[] {0x80 | next, 0x01}
                    : new int[] {0x80 | next, 0x01, 0x80 | irotIndex}));
        }
        byte[] ftyp = box("ftyp", concat("heic".getBytes(StandardCharsets.US_ASCII), new byte[4],
                "mif1heic".getBytes(StandardCharsets.US_ASCII)));
        byte[] iinf = fullBox("iinf", 0, 0, concat(ByteBuffer.allocate(2).putShort((short) itemCount).array(), infes.toByteArray()));
        byte[] iprp = box("iprp", concat(box("ipco", props.toByteArray()), fullBox("ipma", 0, 0, ipma.toByteArray())));
        byte[] iref = new byte[0];
        if (grid) {
            ByteBuffer dimg = ByteBuffer.allocate(4 + 2 * tiles.size()).putShort((short) 1).putShort((short) tiles.size());
            for (int i = 0; i < tiles.size(); i++) {
                dimg.putShort((short) (i + 2));
            }
            iref = fullBox("iref", 0, 0, box("dimg", dimg.array()));
        }
        byte[] meta = meta(0, payloads, iinf, iprp, iref);
        meta = meta(ftyp.length + meta.length + 8, payloads, iinf, iprp, iref);
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        payloads.forEach(mdat::writeBytes);
        Path file = dir.resolve(name);
        try {
            Files.write(file, concat(ftyp, meta, box("mdat", mdat.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static byte[] meta(int dataStart, List<byte[]> payloads, byte[] iinf, byte[] iprp, byte[] iref) {
        byte[] hdlr = fullBox("hdlr", 0, 0, concat(new byte[4], "pict".getBytes(StandardCharsets.US_ASCII), new byte[13]));
        byte[] pitm = fullBox("pitm", 0, 0, new byte[] {0, 1});
        ByteBuffer iloc = ByteBuffer.allocate(4 + 14 * payloads.size()).put((byte) 0x44).put((byte) 0)
                .putShort((short) payloads.size());
        int offset = dataStart;
        for (int i = 0; i < payloads.size(); i++) {
            iloc.putShort((short) (i + 1)).putShort((short) 0).putShort((short) 1).putInt(offset).putInt(payloads.get(i).length);
            offset += payloads.get(i).length;
        }
        return fullBox("meta", 0, 0, concat(hdlr, pitm, fullBox("iloc", 0, 0, iloc.array()), iinf, iref, iprp));
    }

    private static byte[] infe(int id, String type) {
        return concat(ByteBuffer.allocate(4).putShort((short) id).putShort((short) 0).array(),
                type.getBytes(StandardCharsets.US_ASCII), new byte[1]);
    }

    private static byte[] association(int item, int[] properties) {
        ByteBuffer b = ByteBuffer.allocate(3 + properties.length).putShort((short) item).put((byte) properties.length);
        for (int p : properties) {
            b.put((byte) p);
        }
        return b.array();
    }

    /** One HEVC picture: the {@code hvcC} box and the length-prefixed sample, taken from an MP4 that ffmpeg wrote. */
    private static byte[][] hevc(Path dir, String name, BufferedImage tile) {
        try {
            Path png = dir.resolve(name + ".png");
            ImageIO.write(tile, "png", png.toFile());
            Path mp4 = dir.resolve(name + ".hevc.mp4");
            Fixtures.ffmpeg("-i", png.toString(), "-frames:v", "1", "-c:v", "libx265", "-x265-params", "log-level=error",
                    "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-f", "mp4", mp4.toString());
            byte[] data = Files.readAllBytes(mp4);
            byte[] mdat = find(data, "mdat");
            return new byte[][] {find(data, "hvcC"), java.util.Arrays.copyOfRange(mdat, 8, mdat.length)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] find(byte[] data, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= data.length; i++) {
            if (data[i] == t[0] && data[i + 1] == t[1] && data[i + 2] == t[2] && data[i + 3] == t[3]) {
                int size = ByteBuffer.wrap(data, i - 4, 4).getInt();
                return java.util.Arrays.copyOfRange(data, i - 4, i - 4 + size);
            }
        }
        fail("no " + type + " box");
        return new byte[0];
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(ByteBuffer.allocate(4).putInt(8 + payload.length).array(), type.getBytes(StandardCharsets.US_ASCII), payload);
    }

    private static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        return box(type, concat(ByteBuffer.allocate(4).putInt((version << 24) | flags).array(), payload));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
