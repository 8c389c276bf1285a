package com.chirpchat.emulator.transform;

import java.util.ArrayList;
import java.util.List;

/** The picture part of one transformation step as an ffmpeg filter chain: scale, crop or pad, grayscale, fps. */
public final class FilterChain {

    private FilterChain() {
    }

    /**
     * @param srcW      width of the pictures entering the chain
     * @param srcH      height of the pictures entering the chain
     * @param evenDims  H.264 and friends need even dimensions; images and GIFs do not
     */
    public static List<String> picture(int srcW, int srcH, Step p, boolean evenDims) {
        List<String> f = new ArrayList<>();
        String crop = p.get("c").orElse("scale");
        Geometry.Plan plan = Geometry.plan(Math.max(1, srcW), Math.max(1, srcH), crop, p.get("w"), p.get("h"));
        boolean resize = p.has("w") || p.has("h");
        int sw = even(plan.scaleW(), evenDims);
        int sh = even(plan.scaleH(), evenDims);
        int ow = even(plan.outW(), evenDims);
        int oh = even(plan.outH(), evenDims);
        String gravity = p.get("g").orElse("center");
        if (resize) {
            if (plan.kind() == Geometry.Plan.Kind.CROP && crop.equals("crop")) {
                int x = p.get("x").map(Integer::parseInt).orElse(Geometry.offset(srcW, ow, gravity, true));
                int y = p.get("y").map(Integer::parseInt).orElse(Geometry.offset(srcH, oh, gravity, false));
                f.add("crop=" + ow + ":" + oh + ":" + Math.max(0, x) + ":" + Math.max(0, y));
            } else {
                f.add("scale=" + sw + ":" + sh + ":flags=bicubic");
                if (plan.kind() == Geometry.Plan.Kind.CROP) {
                    f.add("crop=" + ow + ":" + oh + ":" + Geometry.offset(sw, ow, gravity, true) + ":"
                            + Geometry.offset(sh, oh, gravity, false));
                } else if (plan.kind() == Geometry.Plan.Kind.PAD) {
                    f.add("pad=" + ow + ":" + oh + ":" + Geometry.offset(ow, sw, gravity, true) + ":"
                            + Geometry.offset(oh, sh, gravity, false) + ":color=" + Colors.ffmpeg(p.get("b").orElse("black")));
                }
            }
        } else if (evenDims) {
            f.add("scale=trunc(iw/2)*2:trunc(ih/2)*2");
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
        return f;
    }

    /** @return {@code v} rounded down to an even number (at least 2) when asked, else at least 1 */
    public static int even(int v, boolean even) {
        if (!even) {
            return Math.max(1, v);
        }
        return Math.max(2, v - (v % 2));
    }
}
