package com.chirpchat.emulator.image;

import java.awt.image.BufferedImage;

/**
 * A small stand-in for {@code g_auto}: picks the crop window holding the most detail (gradient energy), with a
 * gentle pull towards the centre so flat images still crop centrally.
 */
final class Saliency {

    private static final int SAMPLE = 128;

    private Saliency() {
    }

    /** @return {x, y} of the best {@code w}×{@code h} window inside {@code img} */
    static int[] bestWindow(BufferedImage img, int w, int h) {
        int iw = img.getWidth();
        int ih = img.getHeight();
        if (w >= iw && h >= ih) {
            return new int[] {0, 0};
        }
        // Energy on a coarse grid, then a sliding-window sum along the one free axis (fill crops only one).
        int gw = Math.min(SAMPLE, iw);
        int gh = Math.min(SAMPLE, ih);
        double[][] energy = new double[gh][gw];
        for (int gy = 0; gy < gh; gy++) {
            int y = gy * ih / gh;
            int y2 = Math.min(ih - 1, y + Math.max(1, ih / gh));
            for (int gx = 0; gx < gw; gx++) {
                int x = gx * iw / gw;
                int x2 = Math.min(iw - 1, x + Math.max(1, iw / gw));
                double l = luma(img.getRGB(x, y));
                energy[gy][gx] = Math.abs(l - luma(img.getRGB(x2, y))) + Math.abs(l - luma(img.getRGB(x, y2)));
            }
        }
        int x = bestOffset(columnSums(energy, gw, gh), iw, w, gw);
        int y = bestOffset(rowSums(energy, gw, gh), ih, h, gh);
        return new int[] {x, y};
    }

    private static double[] columnSums(double[][] e, int gw, int gh) {
        double[] s = new double[gw];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                s[gx] += e[gy][gx];
            }
        }
        return s;
    }

    private static double[] rowSums(double[][] e, int gw, int gh) {
        double[] s = new double[gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                s[gy] += e[gy][gx];
            }
        }
        return s;
    }

    /** Best start (in pixels) of a window of {@code window} pixels along an axis of {@code size} pixels. */
    private static int bestOffset(double[] sums, int size, int window, int cells) {
        if (window >= size) {
            return 0;
        }
        int win = Math.max(1, (int) Math.round((double) window * cells / size));
        double total = 0;
        for (double v : sums) {
            total += v;
        }
        int centerStart = (cells - win) / 2;
        int best = centerStart;
        double bestScore = Double.NEGATIVE_INFINITY;
        double run = 0;
        for (int i = 0; i < win && i < cells; i++) {
            run += sums[i];
        }
        for (int start = 0; start + win <= cells; start++) {
            if (start > 0) {
                run += sums[start + win - 1] - sums[start - 1];
            }
            double centerPenalty = Math.abs(start - centerStart) / (double) cells * total * 0.1;
            double score = run - centerPenalty;
            if (score > bestScore) {
                bestScore = score;
                best = start;
            }
        }
        int px = (int) Math.round((double) best * size / cells);
        return Math.max(0, Math.min(size - window, px));
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
