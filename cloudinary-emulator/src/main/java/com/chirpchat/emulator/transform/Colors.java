package com.chirpchat.emulator.transform;

import java.awt.Color;
import java.util.Map;

/** Cloudinary colour values ({@code rgb:ff0000}, {@code red}) for Java2D and ffmpeg. */
public final class Colors {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("white", "ffffff"), Map.entry("black", "000000"), Map.entry("red", "ff0000"),
            Map.entry("green", "008000"), Map.entry("blue", "0000ff"), Map.entry("gray", "808080"),
            Map.entry("grey", "808080"), Map.entry("yellow", "ffff00"), Map.entry("orange", "ffa500"),
            Map.entry("purple", "800080"), Map.entry("pink", "ffc0cb"), Map.entry("brown", "a52a2a"),
            Map.entry("cyan", "00ffff"), Map.entry("magenta", "ff00ff"), Map.entry("transparent", "000000"));

    private Colors() {
    }

    /** @return six hex digits (alpha dropped) */
    public static String hex(String value) {
        String v = value.startsWith("rgb:") ? value.substring(4) : NAMES.getOrDefault(value, "ffffff");
        if (v.length() == 3) {
            v = "" + v.charAt(0) + v.charAt(0) + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2);
        }
        return v.substring(0, 6);
    }

    public static Color parse(String value) {
        return new Color(Integer.parseInt(hex(value), 16));
    }

    /** @return the colour in ffmpeg syntax ({@code 0xRRGGBB}) */
    public static String ffmpeg(String value) {
        return "0x" + hex(value);
    }
}
