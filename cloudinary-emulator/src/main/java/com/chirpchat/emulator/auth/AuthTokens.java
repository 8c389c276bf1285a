package com.chirpchat.emulator.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code __cld_token__} verification and minting, byte-compatible with the SDKs' {@code AuthToken}:
 * {@code [ip=..~][st=..~]exp=..[~acl=..]~hmac=..}, where {@code hmac} is the hex HMAC-SHA256 (key = hex-decoded
 * token key) of the other fields joined by {@code ~}, plus {@code ~url=<escaped path>} when there is no ACL.
 * ACL and URL are escaped like the SDK does: characters in {@code  "#%&'/:;<=>?@[\]^`{|}~} become lower-case
 * {@code %xx}; several ACLs are joined by {@code !}.
 */
public final class AuthTokens {

    public static final String NAME = "__cld_token__";
    private static final Pattern UNSAFE = Pattern.compile("[ \"#%&'/:;<=>?@\\[\\\\\\]^`{|}~]");

    /** Why a token was accepted or refused. */
    public enum Outcome { VALID, MALFORMED, BAD_HMAC, EXPIRED, NOT_YET_VALID, ACL_MISMATCH, IP_MISMATCH }

    /**
     * A parsed token.
     *
     * @param value   the token as received (without {@code __cld_token__=})
     * @param start   {@code st}, seconds since the epoch
     * @param expiry  {@code exp}, seconds since the epoch
     * @param acls    decoded ACL patterns (empty for a URL-bound token)
     */
    public record Token(String value, Optional<Long> start, long expiry, List<String> acls) {
    }

    /** The verdict on one token. */
    public record Verdict(Outcome outcome, Optional<Token> token) {
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    private AuthTokens() {
    }

    /**
     * @param value        token value (after {@code __cld_token__=})
     * @param key          HMAC key
     * @param rawPaths     the request path as received, in every form the token may have been written for
     *                     (with and without the cloud-name segment)
     * @param nowSeconds   current time
     * @param remoteIp     client address, checked when the token names one
     */
    public static Verdict verify(String value, byte[] key, List<String> rawPaths, long nowSeconds, String remoteIp) {
        List<String[]> fields = new ArrayList<>();
        for (String part : value.split("~")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return new Verdict(Outcome.MALFORMED, Optional.empty());
            }
            fields.add(new String[] {part.substring(0, eq), part.substring(eq + 1)});
        }
        String hmac = null;
        String acl = null;
        String ip = null;
        Long start = null;
        Long expiry = null;
        List<String> signed = new ArrayList<>();
        for (String[] f : fields) {
            switch (f[0]) {
                case "hmac" -> hmac = f[1];
                case "acl" -> acl = f[1];
                case "ip" -> ip = f[1];
                case "st" -> start = parseLong(f[1]);
                case "exp" -> expiry = parseLong(f[1]);
                default -> {
                    // unknown fields are signed like the known ones
                }
            }
            if (!"hmac".equals(f[0])) {
                signed.add(f[0] + "=" + f[1]);
            }
        }
        if (hmac == null || expiry == null || (start != null && start < 0) || expiry < 0) {
            return new Verdict(Outcome.MALFORMED, Optional.empty());
        }
        String base = String.join("~", signed);
        boolean hmacOk = false;
        if (acl != null) {
            hmacOk = Digests.sameHex(Digests.hmacSha256Hex(key, base), hmac);
        } else {
            for (String path : rawPaths) {
                hmacOk |= Digests.sameHex(Digests.hmacSha256Hex(key, base + "~url=" + escape(path)), hmac);
            }
        }
        List<String> acls = acl == null ? List.of() : List.of(percentDecode(acl).split("!"));
        Token token = new Token(value, Optional.ofNullable(start), expiry, acls);
        if (!hmacOk) {
            return new Verdict(Outcome.BAD_HMAC, Optional.of(token));
        }
        if (expiry <= nowSeconds) {
            return new Verdict(Outcome.EXPIRED, Optional.of(token));
        }
        if (start != null && start > nowSeconds) {
            return new Verdict(Outcome.NOT_YET_VALID, Optional.of(token));
        }
        if (ip != null && !ip.equals(remoteIp)) {
            return new Verdict(Outcome.IP_MISMATCH, Optional.of(token));
        }
        if (acl != null && !covers(acls, rawPaths)) {
            return new Verdict(Outcome.ACL_MISMATCH, Optional.of(token));
        }
        return new Verdict(Outcome.VALID, Optional.of(token));
    }

    /** @return whether any ACL pattern ({@code *} = any run of characters, {@code /} included) matches a path */
    public static boolean covers(List<String> acls, List<String> rawPaths) {
        for (String pattern : acls) {
            Pattern regex = glob(pattern);
            for (String path : rawPaths) {
                if (regex.matcher(path).matches() || regex.matcher(percentDecode(path)).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return a token value (without the name) whose ACL is {@code aclPattern}, valid from start to expiry */
    public static String mint(byte[] key, String aclPattern, Optional<Long> start, long expiry) {
        List<String> parts = new ArrayList<>();
        start.ifPresent(s -> parts.add("st=" + s));
        parts.add("exp=" + expiry);
        parts.add("acl=" + escape(aclPattern));
        String hmac = Digests.hmacSha256Hex(key, String.join("~", parts));
        parts.add("hmac=" + hmac);
        return String.join("~", parts);
    }

    /** The SDK's {@code escapeToLower}. */
    public static String escape(String s) {
        Matcher m = UNSAFE.matcher(s);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        while (m.find()) {
            StringBuilder escaped = new StringBuilder();
            for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                escaped.append('%').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(escaped.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Decodes {@code %xx} escapes only ({@code +} stays a plus, as in a URL path). */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String piece : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
