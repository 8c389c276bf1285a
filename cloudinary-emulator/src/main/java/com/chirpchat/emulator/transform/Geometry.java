package com.chirpchat.emulator.transform;

import java.util.Optional;

/**
 * Resize arithmetic shared by images and video: how big to scale the source and what box to cut or pad it to,
 * following Cloudinary's crop modes.
 */
public final class Geometry {

    /**
     * The result of planning one resize.
     *
     * @param scaleW  width to scale the source to
     * @param scaleH  height to scale the source to
     * @param outW    final width
     * @param outH    final height
     * @param kind    how the scaled picture becomes the final one
     */
    public record Plan(int scaleW, int scaleH, int outW, int outH, Kind kind) {
        /** How a scaled picture becomes the output. */
        public enum Kind { SCALE, CROP, PAD }
    }

    private Geometry() {
    }

    /** Plans a resize of a {@code srcW}×{@code srcH} picture for a component's {@code c}, {@code w}, {@code h}. */
    public static Plan plan(int srcW, int srcH, String crop, Optional<String> w, Optional<String> h) {
        if (w.isEmpty() && h.isEmpty()) {
            return new Plan(srcW, srcH, srcW, srcH, Plan.Kind.SCALE);
        }
        double tw = w.map(v -> size(v, srcW)).orElse(0.0);
        double th = h.map(v -> size(v, srcH)).orElse(0.0);
        double fw = tw > 0 ? tw / srcW : Double.NaN;
        double fh = th > 0 ? th / srcH : Double.NaN;
        boolean both = tw > 0 && th > 0;
        switch (crop) {
            case "crop": {
                int ow = tw > 0 ? (int) Math.min(Math.round(tw), srcW) : srcW;
                int oh = th > 0 ? (int) Math.min(Math.round(th), srcH) : srcH;
                return new Plan(srcW, srcH, Math.max(1, ow), Math.max(1, oh), Plan.Kind.CROP);
            }
            case "fit":
            case "limit": {
                double f = both ? Math.min(fw, fh) : (tw > 0 ? fw : fh);
                if (crop.equals("limit")) {
                    f = Math.min(1.0, f);
                }
                int sw = dim(srcW * f);
                int sh = dim(srcH * f);
                return new Plan(sw, sh, sw, sh, Plan.Kind.SCALE);
            }
            case "fill":
            case "thumb":
            case "lfill": {
                if (!both) {
                    return scaleKeepingAspect(srcW, srcH, tw, th, crop.equals("lfill"));
                }
                double f = Math.max(fw, fh);
                int ow = dim(tw);
                int oh = dim(th);
                if (crop.equals("lfill") && f > 1.0) {
                    f = 1.0;
                    ow = Math.min(ow, srcW);
                    oh = Math.min(oh, srcH);
                }
                int sw = Math.max(ow, (int) Math.ceil(srcW * f - 1e-9));
                int sh = Math.max(oh, (int) Math.ceil(srcH * f - 1e-9));
                return new Plan(sw, sh, ow, oh, Plan.Kind.CROP);
            }
            case "pad":
            case "lpad": {
                double f = both ? Math.min(fw, fh) : (tw > 0 ? fw : fh);
                if (crop.equals("lpad")) {
                    f = Math.min(1.0, f);
                }
                int sw = dim(srcW * f);
                int sh = dim(srcH * f);
                int ow = tw > 0 ? Math.max(sw, dim(tw)) : sw;
                int oh = th > 0 ? Math.max(sh, dim(th)) : sh;
                return new Plan(sw, sh, ow, oh, Plan.Kind.PAD);
            }
            default: { // scale
                if (both) {
                    int sw = dim(tw);
                    int sh = dim(th);
                    return new Plan(sw, sh, sw, sh, Plan.Kind.SCALE);
                }
                return scaleKeepingAspect(srcW, srcH, tw, th, false);
            }
        }
    }

    /** @return the offset of a box of size {@code inner} in {@code outer} for a gravity along one axis */
    public static int offset(int outer, int inner, String gravity, boolean horizontal) {
        int free = Math.max(0, outer - inner);
        String g = gravity == null ? "center" : gravity;
        boolean start = horizontal ? g.endsWith("west") : g.startsWith("north");
        boolean end = horizontal ? g.endsWith("east") : g.startsWith("south");
        if (start) {
            return 0;
        }
        if (end) {
            return free;
        }
        return free / 2;
    }

    private static Plan scaleKeepingAspect(int srcW, int srcH, double tw, double th, boolean noUpscale) {
        double f = tw > 0 ? tw / srcW : th / srcH;
        if (noUpscale) {
            f = Math.min(1.0, f);
        }
        int sw = dim(srcW * f);
        int sh = dim(srcH * f);
        return new Plan(sw, sh, sw, sh, Plan.Kind.SCALE);
    }

    private static double size(String v, int src) {
        double d = Double.parseDouble(v);
        return v.contains(".") && d <= 1.0 ? d * src : d;
    }

    private static int dim(double v) {
        return (int) Math.max(1, Math.round(v));
    }
}
