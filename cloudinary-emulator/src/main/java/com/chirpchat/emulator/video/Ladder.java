package com.chirpchat.emulator.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The renditions of a streaming profile for a source: 1080p, 720p, 480p, 360p and 240p (by the short side, so
 * portrait video gets portrait rungs), never above the source's size.
 *
 * <p>Every rung has exactly the same aspect ratio, with even dimensions and square pixels: a DASH adaptation set
 * must not mix ratios (ffmpeg refuses with "Conflicting stream aspect ratios") and players switch between rungs
 * without the picture jumping. So a 16:9 ladder is built from multiples of 16×9 whose factor is even (odd ones give
 * odd sizes): 1920×1080, 1280×720, 864×486, 640×360, 416×234. A source whose ratio is not a small fraction is
 * fitted to the nearest one within half a percent, covering and cropping that sliver rather than stretching it.
 */
final class Ladder {

    /** Short sides per profile, with the video bitrate (kbps) for that size at 16:9. */
    private static final Map<String, int[][]> PROFILES = Map.of(
            "4k", new int[][] {{2160, 14000}, {1440, 9000}, {1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}},
            "hd", new int[][] {{720, 3500}, {480, 1500}, {360, 800}, {240, 400}},
            "hd_lean", new int[][] {{720, 3500}, {480, 1500}, {360, 800}, {240, 400}},
            "sd", new int[][] {{480, 1500}, {360, 800}, {240, 400}},
            "auto", new int[][] {{1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}, {240, 400}});
    private static final double MAX_RATIO_ERROR = 0.005;

    /**
     * One rendition.
     *
     * @param width   output width
     * @param height  output height
     * @param scaleW  width the displayed picture is scaled to (covering the output; more than width only when cropped)
     * @param scaleH  height it is scaled to
     * @param kbps    video bitrate
     */
    record Rung(int width, int height, int scaleW, int scaleH, int kbps) {
        /** @return the filters that make this rendition from the displayed picture */
        String filters() {
            String scale = "scale=" + scaleW + ":" + scaleH + ":flags=bicubic";
            String crop = scaleW == width && scaleH == height ? "" : ",crop=" + width + ":" + height;
            return scale + crop + ",setsar=1";
        }
    }

    private Ladder() {
    }

    /**
     * @param sourceW          displayed width
     * @param sourceH          displayed height
     * @param sourceVideoKbps  the source's own video bitrate (0 when unknown): no rung asks for more
     */
    static List<Rung> of(int sourceW, int sourceH, String profile, long sourceVideoKbps) {
        int[][] ladder = PROFILES.getOrDefault(profile, PROFILES.get("auto"));
        int w = Math.max(2, sourceW);
        int h = Math.max(2, sourceH);
        int[] ratio = ratio(w, h);
        int shortUnit = Math.min(ratio[0], ratio[1]);
        int kMax = evenDown(Math.min(Math.min(w, h) / shortUnit, Math.max(w, h) / Math.max(ratio[0], ratio[1])));
        List<Rung> out = new ArrayList<>();
        if (kMax < 2) { // a tiny or extreme picture: one rendition at its own (even) size
            out.add(new Rung(even(w), even(h), even(w), even(h), cap(200, sourceVideoKbps)));
            return out;
        }
        for (int[] rung : ladder) {
            if (rung[0] <= Math.min(w, h)) {
                int k = Math.max(2, Math.min(kMax, 2 * (int) Math.round(rung[0] / (2.0 * shortUnit))));
                add(out, rung, ratio[0] * k, ratio[1] * k, w, h, sourceVideoKbps);
            }
        }
        if (out.isEmpty()) { // smaller than the smallest rung: one rendition, as large as the ratio allows
            int[] smallest = ladder[ladder.length - 1];
            add(out, smallest, ratio[0] * kMax, ratio[1] * kMax, w, h, sourceVideoKbps);
        }
        return out;
    }

    private static void add(List<Rung> out, int[] rung, int rw, int rh, int w, int h, long sourceVideoKbps) {
        if (out.stream().anyMatch(r -> r.width() == rw && r.height() == rh)) {
            return;
        }
        double cover = Math.max((double) rw / w, (double) rh / h);
        int sw = Math.max(rw, (int) Math.round(w * cover));
        int sh = Math.max(rh, (int) Math.round(h * cover));
        double nominalArea = rung[0] * (rung[0] * 16.0 / 9);
        int kbps = (int) Math.round(rung[1] * rw * rh / nominalArea);
        out.add(new Rung(rw, rh, sw, sh, cap(Math.max(150, kbps), sourceVideoKbps)));
    }

    /** @return the picture's width:height as the first continued-fraction convergent within half a percent */
    static int[] ratio(int w, int h) {
        double x = (double) w / h;
        long p0 = 0;
        long q0 = 1;
        long p1 = 1;
        long q1 = 0;
        double rest = x;
        for (int i = 0; i < 20; i++) {
            long a = (long) Math.floor(rest);
            long p = a * p1 + p0;
            long q = a * q1 + q0;
            if (p > 0 && Math.abs((double) p / q - x) / x <= MAX_RATIO_ERROR) {
                return new int[] {(int) p, (int) q};
            }
            if (p > 4096 || q > 4096 || rest - a < 1e-9) {
                break;
            }
            p0 = p1;
            q0 = q1;
            p1 = p;
            q1 = q;
            rest = 1 / (rest - a);
        }
        long g = gcd(w, h);
        return new int[] {(int) (w / g), (int) (h / g)};
    }

    private static int cap(int kbps, long sourceVideoKbps) {
        return sourceVideoKbps > 0 ? (int) Math.min(kbps, Math.max(150, sourceVideoKbps)) : kbps;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int evenDown(int v) {
        return v - (v % 2);
    }

    private static int even(int v) {
        return Math.max(2, evenDown(v));
    }
}
