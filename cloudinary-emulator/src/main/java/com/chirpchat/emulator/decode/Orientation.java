package com.chirpchat.emulator.decode;

import java.awt.image.BufferedImage;

/**
 * How a stored picture must be turned or mirrored to be seen upright: one of the eight EXIF orientations, as the
 * 2×2 matrix that maps a stored pixel (centred coordinates, y down) to where it is displayed. HEIF's {@code irot}
 * and {@code imir} are the same group, so they compose into one of these.
 *
 * @param a  x' = a·x + b·y
 * @param b  see a
 * @param c  y' = c·x + d·y
 * @param d  see c
 */
public record Orientation(int a, int b, int c, int d) {

    public static final Orientation UPRIGHT = new Orientation(1, 0, 0, 1);
    private static final Orientation[] EXIF = {
        UPRIGHT,                        // 1: as stored
        new Orientation(-1, 0, 0, 1),   // 2: mirrored left-right
        new Orientation(-1, 0, 0, -1),  // 3: turned 180°
        new Orientation(1, 0, 0, -1),   // 4: mirrored top-bottom
        new Orientation(0, 1, 1, 0),    // 5: transposed
        new Orientation(0, -1, 1, 0),   // 6: turn 90° clockwise to view
        new Orientation(0, -1, -1, 0),  // 7: transversed
        new Orientation(0, 1, -1, 0)};  // 8: turn 90° counter-clockwise to view

    /** @return the EXIF {@code Orientation} tag value's transform (anything but 1-8 is upright) */
    public static Orientation exif(int value) {
        return value >= 1 && value <= 8 ? EXIF[value - 1] : UPRIGHT;
    }

    /** @return HEIF {@code irot}: {@code quarterTurns} anti-clockwise */
    public static Orientation irot(int quarterTurns) {
        return switch (Math.floorMod(quarterTurns, 4)) {
            case 1 -> exif(8);
            case 2 -> exif(3);
            case 3 -> exif(6);
            default -> UPRIGHT;
        };
    }

    /** @return HEIF {@code imir}: axis 0 is vertical (mirrors left-right), 1 horizontal (top-bottom) */
    public static Orientation imir(int axis) {
        return axis == 0 ? exif(2) : exif(4);
    }

    /** @return this transform followed by {@code next} */
    public Orientation then(Orientation next) {
        return new Orientation(next.a * a + next.b * c, next.a * b + next.b * d, next.c * a + next.d * c, next.c * b + next.d * d);
    }

    /** @return whether width and height trade places */
    public boolean swapsAxes() {
        return a == 0;
    }

    /** @return {width, height} as displayed, for a stored {@code width}×{@code height} */
    public int[] displayed(int width, int height) {
        return swapsAxes() ? new int[] {height, width} : new int[] {width, height};
    }

    /** @return the picture as displayed */
    public BufferedImage apply(BufferedImage img) {
        if (equals(UPRIGHT)) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] out = displayed(w, h);
        BufferedImage result = new BufferedImage(out[0], out[1], img.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            int cy = 2 * y - (h - 1);
            for (int x = 0; x < w; x++) {
                int cx = 2 * x - (w - 1);
                int dx = (a * cx + b * cy + out[0] - 1) / 2;
                int dy = (c * cx + d * cy + out[1] - 1) / 2;
                result.setRGB(dx, dy, row[x]);
            }
        }
        return result;
    }
}
