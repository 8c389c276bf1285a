package com.chirpchat.emulator.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * The picture part of one transformation step as an ffmpeg filter chain: scale, crop or pad, grayscale, fps.
 *
 * <p>Sizes are worked out from the picture as displayed, never with {@code iw}/{@code ih}: ffmpeg's autorotate has
 * already turned a phone's portrait frames upright when they enter the chain, and scaling to explicit sizes with
 * {@code setsar=1} turns non-square pixels into square ones, so nothing comes out squashed or sideways.
 *
 * @param filters the filters, in order
 * @param width   width of what comes out
 * @param height  height of what comes out
 */
public record FilterChain(List<String> filters, int width, int height) {

    public FilterChain {
        filters = List.copyOf(filters);
    }

    /** @return the filters joined for {@code -vf} */
    public String joined() {
        return String.join(",", filters);
    }

    /**
     * @param srcW      displayed width of the pictures entering the chain
     * @param srcH      displayed height of the pictures entering the chain
     * @param evenDims  H.264 and friends need even dimensions; images and GIFs do not
     */
    public static FilterChain picture(int srcW, int srcH, Step p, boolean evenDims) {
        List<String> f = new ArrayList<>();
        int w = Math.max(1, srcW);
        int h = Math.max(1, srcH);
        String crop = p.get("c").orElse("scale");
        Geometry.Plan plan = Geometry.plan(w, h, crop, p.get("w"), p.get("h"));
        boolean resize = p.has("w") || p.has("h");
        int sw = even(plan.scaleW(), evenDims);
        int sh = even(plan.scaleH(), evenDims);
        int ow = even(plan.outW(), evenDims);
        int oh = even(plan.outH(), evenDims);
        String gravity = p.get("g").orElse("center");
        if (resize && plan.kind() == Geometry.Plan.Kind.CROP && crop.equals("crop")) {
            // c_crop cuts from the displayed picture: bring it to that size (square pixels) first
            int x = p.get("x").map(Integer::parseInt).orElse(Geometry.offset(w, ow, gravity, true));
            int y = p.get("y").map(Integer::parseInt).orElse(Geometry.offset(h, oh, gravity, false));
            f.add(scale(w, h));
            f.add("crop=" + ow + ":" + oh + ":" + Math.max(0, Math.min(x, w - ow)) + ":" + Math.max(0, Math.min(y, h - oh)));
        } else if (resize) {
            f.add(scale(sw, sh));
            if (plan.kind() == Geometry.Plan.Kind.CROP) {
                f.add("crop=" + ow + ":" + oh + ":" + Geometry.offset(sw, ow, gravity, true) + ":"
                        + Geometry.offset(sh, oh, gravity, false));
            } else if (plan.kind() == Geometry.Plan.Kind.PAD) {
                f.add("pad=" + ow + ":" + oh + ":" + Geometry.offset(ow, sw, gravity, true) + ":"
                        + Geometry.offset(oh, sh, gravity, false) + ":color=" + Colors.ffmpeg(p.get("b").orElse("black")));
            }
        } else {
            ow = even(w, evenDims);
            oh = even(h, evenDims);
            f.add(scale(ow, oh));
        }
        f.add("setsar=1");
        if (p.get("e").filter(e -> e.equals("grayscale")).isPresent()) {
            f.add("hue=s=0");
        }
        p.get("fps").ifPresent(fps -> {
            if (evenDims) {
                f.add("fps=" + fps);
            }
        });
        return new FilterChain(f, ow, oh);
    }

    /** @return {@code v} rounded down to an even number (at least 2) when asked, else at least 1 */
    public static int even(int v, boolean even) {
        if (!even) {
            return Math.max(1, v);
        }
        return Math.max(2, v - (v % 2));
    }

    private static String scale(int w, int h) {
        return "scale=" + w + ":" + h + ":flags=bicubic";
    }
}
