package com.chirpchat.emulator.transform;

import java.util.Optional;

/** What {@code q_} means for each encoder: a 0..1 quality for image codecs, a CRF for x264. */
public final class Quality {

    private Quality() {
    }

    /** @return encoder quality 0..1 for {@code q_}: {@code auto} ≈ 0.8 */
    public static float of(Optional<String> q) {
        if (q.isEmpty() || q.get().startsWith("auto")) {
            return switch (level(q)) {
                case "best" -> 0.92f;
                case "eco" -> 0.7f;
                case "low" -> 0.6f;
                default -> 0.8f;
            };
        }
        return Integer.parseInt(q.get()) / 100f;
    }

    /** @return the x264 constant rate factor for {@code q_}: {@code auto} = 23 */
    public static int crf(Optional<String> q) {
        if (q.isEmpty() || q.get().startsWith("auto")) {
            return switch (level(q)) {
                case "best" -> 20;
                case "eco" -> 26;
                case "low" -> 28;
                default -> 23;
            };
        }
        int n = Integer.parseInt(q.get());
        return Math.max(18, Math.min(51, Math.round(51 - n * 33 / 100f)));
    }

    private static String level(Optional<String> q) {
        return q.filter(v -> v.contains(":")).map(v -> v.substring(v.indexOf(':') + 1)).orElse("good");
    }
}
