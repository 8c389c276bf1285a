package com.chirpchat.emulator.image;

import com.chirpchat.emulator.transform.Colors;
import com.chirpchat.emulator.transform.Geometry;
import com.chirpchat.emulator.transform.Step;
import com.chirpchat.emulator.transform.Transformation;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Cloudinary's resize, crop, pad and grayscale on a decoded picture (Java2D). */
final class ImageOps {

    private ImageOps() {
    }

    /** Applies every step of {@code t}, in order. */
    static BufferedImage apply(BufferedImage source, Transformation t) {
        BufferedImage img = source;
        for (Step step : t.steps()) {
            img = resize(img, step);
            if (step.get("e").filter(e -> e.equals("grayscale")).isPresent()) {
                img = grayscale(img);
            }
        }
        return img;
    }

    static BufferedImage resize(BufferedImage img, Step step) {
        String crop = step.get("c").orElse("scale");
        Geometry.Plan plan = Geometry.plan(img.getWidth(), img.getHeight(), crop, step.get("w"), step.get("h"));
        String gravity = step.get("g").orElse("center");
        if (plan.kind() == Geometry.Plan.Kind.CROP && crop.equals("crop")) {
            int x = step.get("x").map(Integer::parseInt)
                    .orElse(Geometry.offset(img.getWidth(), plan.outW(), gravity, true));
            int y = step.get("y").map(Integer::parseInt)
                    .orElse(Geometry.offset(img.getHeight(), plan.outH(), gravity, false));
            x = clamp(x, 0, img.getWidth() - plan.outW());
            y = clamp(y, 0, img.getHeight() - plan.outH());
            return copy(img.getSubimage(x, y, plan.outW(), plan.outH()));
        }
        BufferedImage scaled = (plan.scaleW() == img.getWidth() && plan.scaleH() == img.getHeight())
                ? img : scale(img, plan.scaleW(), plan.scaleH());
        return switch (plan.kind()) {
            case SCALE -> scaled;
            case CROP -> {
                int[] xy = gravity.startsWith("auto") || gravity.startsWith("face")
                        ? Saliency.bestWindow(scaled, plan.outW(), plan.outH())
                        : new int[] {Geometry.offset(scaled.getWidth(), plan.outW(), gravity, true),
                                Geometry.offset(scaled.getHeight(), plan.outH(), gravity, false)};
                yield copy(scaled.getSubimage(xy[0], xy[1], plan.outW(), plan.outH()));
            }
            case PAD -> pad(scaled, plan.outW(), plan.outH(), step.get("b").orElse("white"), gravity);
        };
    }

    static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage src = img;
        // Halve repeatedly first: one big bilinear step aliases badly when shrinking a lot.
        while (src.getWidth() / 2 >= w && src.getHeight() / 2 >= h && src.getWidth() > 2 && src.getHeight() > 2) {
            src = draw(src, src.getWidth() / 2, src.getHeight() / 2);
        }
        return draw(src, w, h);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setComposite(AlphaComposite.Src);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage pad(BufferedImage img, int w, int h, String background, String gravity) {
        boolean transparent = background.equals("transparent");
        BufferedImage out = new BufferedImage(w, h, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            if (!transparent) {
                g.setColor(Colors.parse(background));
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(img, Geometry.offset(w, img.getWidth(), gravity, true), Geometry.offset(h, img.getHeight(), gravity, false), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage grayscale(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage sub) {
        BufferedImage out = new BufferedImage(sub.getWidth(), sub.getHeight(),
                sub.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(sub, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
