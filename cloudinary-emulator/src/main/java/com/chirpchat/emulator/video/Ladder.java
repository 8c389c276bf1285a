package com.chirpchat.emulator.video;

import java.util.ArrayList;
import java.util.List;

/** The renditions of a streaming profile for a source: sizes and video bitrates, never above the source's size. */
final class Ladder {

    private static final int MAX_RENDITIONS = 3;

    /** One rendition: its size and video bitrate. */
    record Rung(int width, int height, int kbps) {
    }

    private Ladder() {
    }

    static List<Rung> of(int sourceW, int sourceH, String profile) {
        int[][] ladder = switch (profile) {
            case "4k" -> new int[][] {{2160, 14000}, {1440, 9000}, {1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}};
            case "hd", "hd_lean" -> new int[][] {{720, 3500}, {480, 1500}, {360, 800}, {240, 400}};
            case "sd" -> new int[][] {{480, 1500}, {360, 800}, {240, 400}};
            default -> new int[][] {{1080, 5500}, {720, 3500}, {480, 1500}, {360, 800}, {240, 400}};
        };
        int w = Math.max(2, sourceW);
        int h = Math.max(2, sourceH);
        int shortSide = Math.min(w, h);
        List<Rung> out = new ArrayList<>();
        for (int[] rung : ladder) {
            if (rung[0] <= shortSide && out.size() < MAX_RENDITIONS) {
                double f = (double) rung[0] / shortSide;
                out.add(new Rung(even((int) Math.round(w * f)), even((int) Math.round(h * f)), rung[1]));
            }
        }
        if (out.isEmpty()) {
            int kbps = Math.max(200, ladder[ladder.length - 1][1] * shortSide / Math.max(1, ladder[ladder.length - 1][0]));
            out.add(new Rung(even(w), even(h), kbps));
        }
        return out;
    }

    private static int even(int v) {
        return Math.max(2, v - (v % 2));
    }
}
