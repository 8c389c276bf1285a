package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.user.User;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text that is not what it looks like: lone surrogates (which storage turns into '?'), overlong or otherwise
 * malformed UTF-8 (C0 AF decoding to '/'), and names that render misleadingly (bidi controls, zero-width and
 * invisible characters). Each is a 400 and changes nothing; real text (emoji, ZWJ sequences, RTL) is kept.
 */
class UnicodeInputTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply postBytes(String path, String token, byte[] body) {
        return server.send(server.request(path, token).header("Content-Type", "application/json")
                                   .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** {@code before}, the raw bytes, then {@code after}: a JSON body with bytes no encoder would write. */
    private static byte[] body(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertRefused(TestServer.Reply reply, String what) {
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(400);
        assertThat(reply.problemCode()).as(what).isEqualTo("validation_failed");
    }

    @Test
    void loneSurrogatesAreRefusedNotStoredAsQuestionMarks() {
        User ada = server.app.user("surrogate");
        String token = server.token(ada);
        Chat chat = server.app.chat(ada);
        String[] bodies = {"{\"text\":\"a\\ud800b\"}", "{\"text\":\"\\udc00\"}", "{\"text\":\"x\\ud83d\"}",
                "{\"text\":\"ok\",\"\\ud800\":1}", "{\"text\":\"\\ude00\\ud83d\"}"};
        for (String json : bodies) {
            assertRefused(server.post("/chats/" + chat.id() + "/messages", token, json), json);
        }
        assertRefused(server.post("/chats", token, "{\"title\":\"T\\udfff\"}"), "title");
        assertRefused(server.post("/auth/register", null,
                                  "{\"username\":\"lonely\",\"password\":\"long enough\",\"displayName\":\"\\ud800\"}"), "displayName");
        // the same code point written as (CESU-style) UTF-8 bytes instead of an escape
        assertRefused(postBytes("/chats/" + chat.id() + "/messages", token,
                                body("{\"text\":\"a", new int[] {0xED, 0xA0, 0x80}, "\"}")), "ED A0 80");
        assertThat(server.app.listMessages.messages(ada.id(), chat.id(), java.util.OptionalLong.empty(), java.util.OptionalInt.empty())
                           .items()).isEmpty();
        assertThat(server.app.store.byUsername(new com.chirpchat.domain.user.Username("lonely"))).isEmpty();
    }

    @Test
    void malformedUtf8IsRefused() {
        User ada = server.app.user("overlong");
        String token = server.token(ada);
        Chat chat = server.app.chat(ada);
        int[][] malformed = {
                {0xC0, 0xAF},             // overlong '/'
                {0xE0, 0x80, 0xAF},       // overlong '/', three bytes
                {0xF0, 0x80, 0x80, 0xAF}, // overlong '/', four bytes
                {0xC1, 0xBF},             // overlong
                {0xF5, 0x80, 0x80, 0x80}, // beyond U+10FFFF
                {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
                {0x80},                   // a continuation byte alone
                {0xE2, 0x82},             // truncated
                {0xFF}, {0xFE},
        };
        for (int[] bytes : malformed) {
            String what = java.util.Arrays.toString(bytes);
            assertRefused(postBytes("/chats/" + chat.id() + "/messages", token, body("{\"text\":\"..", bytes, "etc/passwd\"}")), what);
            assertRefused(postBytes("/chats", token, body("{\"title\":\"", bytes, "\"}")), what);
        }
        assertThat(server.app.listMessages.messages(ada.id(), chat.id(), java.util.OptionalLong.empty(), java.util.OptionalInt.empty())
                           .items()).isEmpty();
        assertThat(server.app.viewChats.chatsOf(ada.id())).hasSize(1);
    }

    @Test
    void misleadingNamesAndTitlesAreRefused() {
        User ada = server.app.user("names");
        String token = server.token(ada);
        String[] names = {
                "admin\u202Egpj.exe", "\u202Dleft", "x\u2066y\u2069", "a\u2067b", "\u2068c", "\u200Bada", "a\u200Cb",
                "a\u200Db", "\u2060", "\uFEFFbom", "\u200Fr", "\u061Cx", "\u3164", "\u3164\u3164", "\u115F\u1160",
                "\u2800", "\u0301\u0302", " \u3164 ", "\uFFA0", "\u034F", "\uFE0F", "\u00AD", "\uDB40\uDC41",
        };
        for (String name : names) {
            String escaped = escape(name);
            assertRefused(server.post("/chats", token, "{\"title\":\"" + escaped + "\"}"), "title " + escaped);
            assertRefused(server.post("/auth/register", null, "{\"username\":\"sneaky\",\"password\":\"long enough\","
                    + "\"displayName\":\"" + escaped + "\"}"), "displayName " + escaped);
            assertRefused(server.post("/auth/register", null, "{\"username\":\"sn" + escaped + "eaky\",\"password\":\"long enough\"}"),
                          "username " + escaped);
        }
        assertThat(server.app.viewChats.chatsOf(ada.id())).isEmpty();
        assertThat(server.app.store.byUsername(new com.chirpchat.domain.user.Username("sneaky"))).isEmpty();
    }

    @Test
    void namesAreNormalisedAndRealTextIsKept() {
        TestServer.Reply registered = server.post("/auth/register", null,
                "{\"username\":\"nfc_user\",\"password\":\"long enough\",\"displayName\":\"Cafe\\u0301 \\uD83D\\uDC69\\u200D\\uD83D\\uDCBB\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(400); // a ZWJ is zero-width: not in names
        registered = server.post("/auth/register", null,
                "{\"username\":\"nfc_user\",\"password\":\"long enough\",\"displayName\":\"Cafe\\u0301 \\uD83D\\uDE00 \\u05E9\\u05DC\\u05D5\\u05DD\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("displayName").asText()).isEqualTo("Caf\u00E9 \uD83D\uDE00 \u05E9\u05DC\u05D5\u05DD");

        User ada = server.app.user("keeper");
        String token = server.token(ada);
        TestServer.Reply chat = server.post("/chats", token, "{\"title\":\"A\\u030Angstr\\u00F6m\"}");
        assertThat(chat.json().path("title").asText()).isEqualTo("\u00C5ngstr\u00F6m");

        String text = "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 coder \uD83D\uDC69\u200D\uD83D\uDCBB flag "
                + "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 \u05E9\u05DC\u05D5\u05DD \u202Bembedded\u202C e\u0301";
        TestServer.Reply posted = server.post("/chats/" + chat.json().path("id").asText() + "/messages", token,
                                              "{\"text\":\"" + escape(text) + "\"}");
        assertThat(posted.status()).isEqualTo(201);
        JsonNode message = posted.json();
        assertThat(message.path("text").asText()).as("message text is kept exactly, not normalised").isEqualTo(text);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x80 && c >= 0x20 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }
}
