package com.chirpchat.emulator.video;

import com.chirpchat.emulator.transform.Source;

/**
 * Bitrate ceilings of the web-optimised MP4: quality first (CRF), but never more than a per-resolution ceiling
 * (5 Mb/s at 1080p, about 2.6 at 720p, 1.4 at 480p, 0.9 at 360p: area^0.8), nor more than keeps the whole file
 * under the source's own bitrate, so "web-optimised" never means bigger than what was uploaded.
 */
final class Bitrates {

    private static final double FULL_HD_AREA = 1920.0 * 1080;
    private static final int FULL_HD_KBPS = 5000;

    private Bitrates() {
    }

    /** @return the video ceiling for a {@code w}×{@code h} picture, in kbps */
    static int ceiling(int w, int h) {
        return (int) Math.max(200, Math.round(FULL_HD_KBPS * Math.pow(w * (double) h / FULL_HD_AREA, 0.8)));
    }

    /** @return the AAC bitrate: 128 kbps, or the source's own when lower (re-encoding cannot add what is not there) */
    static int audioKbps(Source s) {
        return s.audioBitRate() > 0 ? (int) Math.max(32, Math.min(128, s.audioBitRate() / 1000)) : 128;
    }

    /** @return the video maxrate for this output: the ceiling, and a tenth under what the source spends */
    static int videoMaxKbps(int w, int h, Source s, int audioKbps) {
        int kbps = ceiling(w, h);
        if (s.bitRate() > 0) {
            kbps = (int) Math.min(kbps, Math.max(100, s.bitRate() * 0.9 / 1000 - audioKbps));
        }
        return kbps;
    }

    /** @return the source's bitrate in bits per second (measured from its size when ffprobe gave none), 0 if unknown */
    static double sourceRate(Source s) {
        if (s.bitRate() > 0) {
            return s.bitRate();
        }
        return s.duration() > 0 ? s.bytes() * 8 / s.duration() : 0;
    }
}
