package com.chirpchat.domain.media;

import java.util.List;

/**
 * The processed versions every asset of a type gets (the contract's variant names, in the order clients see them):
 * images a 250×250 thumbnail and an 800 px preview; videos web MP4, HLS, DASH, a poster frame and a looping
 * preview; audio an MP3 and a waveform; documents (raw) none, only the original.
 */
public final class MediaVariants {
    private MediaVariants() {
    }

    public static List<String> expected(ResourceType type) {
        return switch (type) {
            case IMAGE -> List.of("thumbnail_250", "preview_800");
            case VIDEO -> List.of("mp4", "hls", "dash", "poster", "animated_preview");
            case AUDIO -> List.of("mp3", "waveform");
            case RAW -> List.of();
        };
    }
}
