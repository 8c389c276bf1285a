package com.chirpchat.domain.common;

import java.text.Normalizer;
import java.util.Set;

/**
 * The naming rule for what people are shown as names (display names, chat titles): a name must look like what
 * it is. NFC-normalised, so "é" typed either way is one name; no control characters, no invisible formatting
 * (bidi overrides and isolates, which make {@code admin\u202Egpj.exe} read as {@code adminexe.jpg}, zero-width
 * spaces and joiners, soft hyphens, tags, byte order marks), no line or paragraph separators, no unassigned code
 * points or lone surrogates; and at least one visible character (a name of Hangul fillers, braille blanks or
 * combining marks alone shows as nothing). Message text is not a name: it keeps emoji, ZWJ sequences and
 * right-to-left marks as written.
 */
public final class NameText {
    /** Letters that render as blank space although Unicode does not class them as spaces. */
    private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

    private NameText() {
    }

    /** The name, normalised to NFC and trimmed; {@link InvalidValueException} naming {@code field} otherwise. */
    public static String require(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (Text.hasLoneSurrogate(value)) {
            throw new InvalidValueException(field, "must be valid Unicode text (it holds a lone surrogate)");
        }
        String name = Text.require(field, Normalizer.normalize(value, Normalizer.Form.NFC), maxLength).strip();
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            switch (Character.getType(c)) {
                case Character.CONTROL -> throw new InvalidValueException(field, "must not contain control characters");
                case Character.FORMAT -> throw new InvalidValueException(field,
                        "must not contain invisible formatting characters (bidi controls, zero-width characters) such as U+"
                                + String.format("%04X", c));
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                        throw new InvalidValueException(field, "must be a single line");
                case Character.UNASSIGNED -> throw new InvalidValueException(field, "must not contain unassigned code points");
                case Character.SPACE_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> {
                }
                default -> visible |= !BLANK_LETTERS.contains(c) && !Character.isWhitespace(c);
            }
        }
        if (!visible) {
            throw new InvalidValueException(field, "must contain a visible character");
        }
        return name;
    }

    /**
     * A name stored before this rule existed, made to follow it: what the rule forbids is dropped, and a name left
     * with nothing visible becomes {@code fallback}, one grown too long by normalising is cut at {@code maxLength}. Reading old rows never fails, and they show what they are.
     */
    public static String lenient(String field, String stored, int maxLength, String fallback) {
        try {
            return require(field, stored, maxLength);
        } catch (InvalidValueException e) {
            StringBuilder kept = new StringBuilder();
            Normalizer.normalize(stored == null ? "" : stored, Normalizer.Form.NFC).codePoints()
                    .filter(c -> switch (Character.getType(c)) {
                        case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                             Character.UNASSIGNED, Character.SURROGATE -> false;
                        default -> true;
                    })
                    .limit(maxLength)
                    .forEach(kept::appendCodePoint);
            try {
                return require(field, kept.toString(), maxLength);
            } catch (InvalidValueException stillNot) {
                return fallback;
            }
        }
    }
}
