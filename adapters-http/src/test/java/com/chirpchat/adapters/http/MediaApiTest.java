package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.chirpchat.application.account.ViewUsersService;
import com.chirpchat.application.fakes.FakeMediaStore;
import com.chirpchat.application.fakes.TestApp;
import com.chirpchat.application.media.HandleMediaNotificationService;
import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.MediaNotification;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.MediaView;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.RequestUploadCommand;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadTicket;
import com.chirpchat.application.media.UploadSpec;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import com.chirpchat.wire.Times;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media endpoints: upload signatures, the Cloudinary webhook and expiring media links. */
class MediaApiTest {
    private static final String SIGN = "/uploads/get-cloudinary-upload-signature";
    private static final String WEBHOOK = "/webhooks/cloudinary/media-processed";
    private static final MediaFacts JPEG = new MediaFacts(Optional.of("jpg"), OptionalLong.of(50_000), OptionalInt.of(1024),
                                                          OptionalInt.of(768), OptionalDouble.empty());
    private static final MediaFacts PDF = new MediaFacts(Optional.of("pdf"), OptionalLong.of(12_345), OptionalInt.empty(),
                                                         OptionalInt.empty(), OptionalDouble.empty());

    /** What reached the media store's verification, exactly. */
    private static final List<RawNotification> received = new CopyOnWriteArrayList<>();
    private static TestServer server;
    private static TestApp app;

    @BeforeAll
    static void start() {
        // the webhook's use case sees the store through a wrapper that records what it is asked to verify
        server = new TestServer(Map.of(), (testApp, uses) -> uses.mediaNotifications(new HandleMediaNotificationService(
                new RecordingStore(testApp.media, received), testApp.store, testApp.limits, testApp.publisher,
                testApp.clock)));
        app = server.app;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- POST /uploads/get-cloudinary-upload-signature --------------------------------------------------------------

    @Test
    void signsAnUploadAndCreatesTheUploadingMessage() {
        User ada = app.user("ada");
        User bob = app.user("bob");
        Chat chat = app.chat(ada, bob);

        TestServer.Reply reply = server.post(SIGN, server.token(ada), "{\"chatId\":\"" + chat.id() + "\",\"resourceType\":\"image\","
                + "\"fileName\":\"cat.jpg\",\"bytes\":50000,\"clientMessageId\":\"up-1\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("messageId", "uploadUrl", "cloudName", "apiKey", "timestamp",
                                                              "signature", "signatureAlgorithm", "params");
        MessageId messageId = MessageId.parse(body.path("messageId").asText());
        String assetKey = "chats/" + chat.id() + "/" + messageId;
        assertThat(body.path("uploadUrl").asText()).isEqualTo("https://upload.test/image");
        assertThat(body.path("cloudName").asText()).isEqualTo("test-cloud");
        assertThat(body.path("apiKey").asText()).isEqualTo("key");
        assertThat(body.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(body.path("timestamp").asLong()).isEqualTo(app.clock.instant().getEpochSecond());
        assertThat(body.path("signature").asText()).isEqualTo("sig-" + assetKey);
        assertThat(body.path("signatureAlgorithm").asText()).isEqualTo("sha1");
        // Cloudinary's names, untouched
        assertThat(fieldNames(body.path("params"))).containsExactlyInAnyOrder("public_id", "folder");
        assertThat(body.path("params").path("public_id").asText()).isEqualTo(messageId.toString());
        assertThat(body.path("params").path("folder").asText()).isEqualTo("chats/" + chat.id());

        Message message = app.store.message(messageId).orElseThrow();
        assertThat(message.chatId()).isEqualTo(chat.id());
        assertThat(message.authorId()).isEqualTo(ada.id());
        assertThat(message.media().orElseThrow().status()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(message.media().orElseThrow().assetKey()).isEqualTo(assetKey);
        assertThat(signedFor(chat)).hasSize(1);
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void everyParameterMapEntryComesBackUnchanged() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("public_id", "x");
        params.put("folder", "chats/y");
        params.put("type", "authenticated");
        params.put("eager", "c_fill,h_250,w_250/jpg|c_limit,w_800/webp");
        params.put("eager_async", "true");
        params.put("notification_url", "https://api.example/webhooks/cloudinary/media-processed?a=1&b=2");
        params.put("overwrite", "false");
        params.put("allowed_formats", "jpg,png");
        SignedUpload signed = new SignedUpload(URI.create("https://api.cloudinary.com/v1_1/demo/image/upload"), "demo",
                                               "1234", 1_700_000_000L, "abc", "sha256", params);
        // the real store's parameters, through the real use case
        try (TestServer custom = new TestServer(Map.of(), (testApp, uses) -> uses.requestUpload(command -> {
            UploadTicket ticket = testApp.requestUpload.request(command);
            return new UploadTicket(ticket.message(), signed, ticket.created());
        }))) {
            User ada = custom.app.user("params");
            Chat chat = custom.app.chat(ada);

            TestServer.Reply reply = custom.post(SIGN, custom.token(ada), "{\"chatId\":\"" + chat.id() + "\",\"resourceType\":\"image\"}");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("uploadUrl").asText()).isEqualTo("https://api.cloudinary.com/v1_1/demo/image/upload");
            assertThat(body.path("timestamp").asLong()).isEqualTo(1_700_000_000L);
            assertThat(body.path("signatureAlgorithm").asText()).isEqualTo("sha256");
            Map<String, String> returned = new LinkedHashMap<>();
            body.path("params").fields().forEachRemaining(e -> returned.put(e.getKey(), e.getValue().textValue()));
            assertThat(returned).isEqualTo(params);
        }
    }

    @Test
    void aRetryWithTheSameClientMessageIdSignsTheSameMessageAgain() {
        User ada = app.user("retry");
        Chat chat = app.chat(ada);
        String request = "{\"chatId\":\"" + chat.id() + "\",\"resourceType\":\"video\",\"fileName\":\"clip.mp4\",\"clientMessageId\":\"v-1\"}";

        TestServer.Reply first = server.post(SIGN, server.token(ada), request);
        TestServer.Reply again = server.post(SIGN, server.token(ada), request);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("messageId").asText()).isEqualTo(first.json().path("messageId").asText());
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void badRequestsAre400AndCreateNothing() {
        User ada = app.user("sloppy");
        Chat chat = app.chat(ada);
        String id = "\"chatId\":\"" + chat.id() + "\"";
        String[][] cases = {
                {"{\"resourceType\":\"image\"}", "chatId:"},
                {"{\"chatId\":\"not-a-uuid\",\"resourceType\":\"image\"}", "chatId:"},
                {"{\"chatId\":7,\"resourceType\":\"image\"}", "chatId:"},
                {"{" + id + "}", "resourceType:"},
                {"{" + id + ",\"resourceType\":\"picture\"}", "resourceType:"},
                {"{" + id + ",\"resourceType\":\"IMAGE\"}", "resourceType:"},
                {"{" + id + ",\"resourceType\":[\"image\"]}", "resourceType:"},
                {"{" + id + ",\"resourceType\":\"image\",\"bytes\":\"100\"}", "bytes:"},
                {"{" + id + ",\"resourceType\":\"image\",\"bytes\":1.5}", "bytes:"},
                {"{" + id + ",\"resourceType\":\"image\",\"bytes\":0}", "bytes:"},
                {"{" + id + ",\"resourceType\":\"image\",\"bytes\":-1}", "bytes:"},
                {"{" + id + ",\"resourceType\":\"image\",\"bytes\":123456789012345678901234567890}", "bytes:"},
                {"{" + id + ",\"resourceType\":\"image\",\"fileName\":42}", "fileName:"},
                {"{" + id + ",\"resourceType\":\"image\",\"fileName\":\"   \"}", "fileName:"},
                {"{" + id + ",\"resourceType\":\"image\",\"fileName\":\"a\\u0000.jpg\"}", "fileName:"},
                {"{" + id + ",\"resourceType\":\"image\",\"clientMessageId\":\"has space\"}", "clientMessageId:"},
                {"{" + id + ",\"resourceType\":\"image\",\"clientMessageId\":7}", "clientMessageId:"},
                {"[]", ""},
                {"{" + id + ",\"resourceType\":\"image\"", ""},
        };
        for (String[] c : cases) {
            TestServer.Reply reply = server.post(SIGN, server.token(ada), c[0]);
            assertThat(reply.status()).as(c[0] + " -> " + reply).isEqualTo(400);
            assertThat(reply.problemCode()).isEqualTo("validation_failed");
            assertThat(reply.json().path("detail").asText()).as(c[0]).startsWith(c[1]);
        }
        assertNothingCreated(chat);
    }

    @Test
    void declaredLimitsAre413And415AndCreateNothing() {
        User ada = app.user("greedy");
        Chat chat = app.chat(ada);
        String id = "\"chatId\":\"" + chat.id() + "\"";

        TestServer.Reply tooBig = server.post(SIGN, server.token(ada), "{" + id + ",\"resourceType\":\"image\",\"bytes\":" + (21L << 20) + "}");
        TestServer.Reply wrongFormat = server.post(SIGN, server.token(ada), "{" + id + ",\"resourceType\":\"image\",\"fileName\":\"movie.mp4\"}");
        TestServer.Reply noExtension = server.post(SIGN, server.token(ada), "{" + id + ",\"resourceType\":\"raw\",\"fileName\":\"README\"}");
        // the request body itself of the wrong type: the same status and code, another detail
        TestServer.Reply notJson = server.send(server.request(SIGN, server.token(ada)).header("Content-Type", "text/plain")
                                                       .POST(HttpRequest.BodyPublishers.ofString("{" + id + ",\"resourceType\":\"image\"}")));

        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.problemCode()).isEqualTo("payload_too_large");
        assertThat(tooBig.json().path("detail").asText()).contains("image");
        for (TestServer.Reply reply : List.of(wrongFormat, noExtension, notJson)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
            assertThat(reply.problemCode()).isEqualTo("unsupported_media_type");
        }
        assertThat(wrongFormat.json().path("detail").asText()).contains("mp4");
        assertThat(notJson.json().path("detail").asText()).contains("application/json");
        assertNothingCreated(chat);
    }

    @Test
    void outsidersUnknownChatsAndStrangersAreRefused() {
        User ada = app.user("insider");
        User eve = app.user("outsider");
        Chat chat = app.chat(ada);
        String body = "{\"chatId\":\"" + chat.id() + "\",\"resourceType\":\"image\"}";
        ChatId unknown = new ChatId(UUID.randomUUID());

        TestServer.Reply outsider = server.post(SIGN, server.token(eve), body);
        TestServer.Reply noChat = server.post(SIGN, server.token(ada), "{\"chatId\":\"" + unknown + "\",\"resourceType\":\"image\"}");
        TestServer.Reply anonymous = server.post(SIGN, null, body);

        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.problemCode()).isEqualTo("not_a_member");
        assertThat(noChat.status()).isEqualTo(404);
        assertThat(noChat.problemCode()).isEqualTo("not_found");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemCode()).isEqualTo("unauthenticated");
        assertNothingCreated(chat);
        assertThat(app.media.signed).noneMatch(spec -> spec.folder().equals("chats/" + unknown));
    }

    @Test
    void aClientMessageIdUsedForAnotherMessageIs409() {
        User ada = app.user("reuser");
        Chat chat = app.chat(ada);
        app.postMessage.post(PostMessageCommand.of(ada.id(), chat.id(), "just text", "taken-1"));
        app.requestUpload.request(new RequestUploadCommand(ada.id(), chat.id(), ResourceType.AUDIO, Optional.empty(),
                                                           OptionalLong.empty(), Optional.of(new ClientMessageId("taken-2"))));
        long lastSeq = lastSeq(chat);
        int signed = signedFor(chat).size();

        TestServer.Reply textTaken = server.post(SIGN, server.token(ada), "{\"chatId\":\"" + chat.id()
                + "\",\"resourceType\":\"image\",\"clientMessageId\":\"taken-1\"}");
        TestServer.Reply otherType = server.post(SIGN, server.token(ada), "{\"chatId\":\"" + chat.id()
                + "\",\"resourceType\":\"image\",\"clientMessageId\":\"taken-2\"}");

        for (TestServer.Reply reply : List.of(textTaken, otherType)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
            assertThat(reply.problemCode()).isEqualTo("conflict");
        }
        assertThat(lastSeq(chat)).isEqualTo(lastSeq);
        assertThat(signedFor(chat)).hasSize(signed);
    }

    // ---- POST /webhooks/cloudinary/media-processed ------------------------------------------------------------------

    @Test
    void aGenuineNotificationMovesTheMediaOnAndNeedsNoToken() {
        User ada = app.user("uploader");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        String key = assetKey(message);

        TestServer.Reply uploaded = webhook(app.media.notification(new MediaNotification.Uploaded(unique("up"), key, JPEG, Optional.empty())));
        MediaStatus afterUpload = status(message);
        TestServer.Reply processed = webhook(app.media.notification(
                new MediaNotification.Processed(unique("eager"), key, List.of("thumbnail_250", "preview_800"))));

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(uploaded.json().path("outcome").asText()).isEqualTo("applied");
        assertThat(afterUpload).isEqualTo(MediaStatus.PROCESSING);
        assertThat(processed.status()).isEqualTo(200);
        assertThat(processed.json().path("outcome").asText()).isEqualTo("applied");
        assertThat(status(message)).isEqualTo(MediaStatus.READY);
        assertThat(events(chat)).extracting(ChatEvent::type)
                .containsExactly(ChatEventType.MESSAGE_CREATED, ChatEventType.MEDIA_PROCESSED);
    }

    @Test
    void aFailureNotificationFailsTheMediaOnce() {
        User ada = app.user("unlucky");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.VIDEO);
        RawNotification failed = app.media.notification(new MediaNotification.Failed(unique("fail"), assetKey(message), "corrupt file"));

        TestServer.Reply first = webhook(failed);
        TestServer.Reply again = webhook(failed);

        assertThat(first.json().path("outcome").asText()).isEqualTo("applied");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asText()).isEqualTo("already_known");
        assertThat(status(message)).isEqualTo(MediaStatus.FAILED);
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED, ChatEventType.MEDIA_FAILED);
    }

    @Test
    void forgedOrMissingSignaturesAre401AndChangeNothing() {
        User ada = app.user("target");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        RawNotification genuine = app.media.notification(new MediaNotification.Uploaded(unique("forged"), assetKey(message), JPEG,
                                                                                        Optional.of(List.of("thumbnail_250"))));

        List<TestServer.Reply> replies = List.of(
                webhook(genuine.body(), genuine.timestamp(), "forged", "application/json"),
                webhook(genuine.body(), genuine.timestamp(), "GOOD", "application/json"),
                webhook(genuine.body(), genuine.timestamp(), null, "application/json"),
                webhook(genuine.body(), null, null, "application/json"),
                webhook(genuine.body(), genuine.timestamp(), "", "application/json"));

        for (TestServer.Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.problemCode()).isEqualTo("invalid_signature");
        }
        assertThat(status(message)).isEqualTo(MediaStatus.UPLOADING);
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void staleNotificationsAre401AndChangeNothing() {
        User ada = app.user("late");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        RawNotification genuine = app.media.notification(new MediaNotification.Uploaded(unique("stale"), assetKey(message), JPEG,
                                                                                        Optional.of(List.of("thumbnail_250"))));

        TestServer.Reply reply = webhook(genuine.body(), FakeMediaStore.STALE_TIMESTAMP, genuine.signature(), "application/json");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.problemCode()).isEqualTo("stale_request");
        assertThat(status(message)).isEqualTo(MediaStatus.UPLOADING);
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED);
    }

    @Test
    void repeatedNotificationsAreAcknowledgedAndSettleTheMediaOnce() {
        User ada = app.user("repeat");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        RawNotification uploaded = app.media.notification(new MediaNotification.Uploaded(unique("rep"), assetKey(message), JPEG,
                                                                                         Optional.of(List.of("thumbnail_250", "preview_800"))));

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestServer.Reply reply = webhook(uploaded);
            assertThat(reply.status()).isEqualTo(200);
            outcomes.add(reply.json().path("outcome").asText());
        }

        assertThat(outcomes).containsExactly("applied", "already_known", "already_known", "already_known");
        assertThat(status(message)).isEqualTo(MediaStatus.READY);
        assertThat(events(chat)).extracting(ChatEvent::type).containsExactly(ChatEventType.MESSAGE_CREATED, ChatEventType.MEDIA_PROCESSED);
    }

    @Test
    void notificationsAboutUnknownAssetsOrOtherThingsAreAcknowledged() {
        TestServer.Reply unknown = webhook(app.media.notification(
                new MediaNotification.Uploaded(unique("ghost"), "chats/" + UUID.randomUUID() + "/" + UUID.randomUUID(), JPEG, Optional.empty())));
        TestServer.Reply irrelevant = webhook(app.media.notification(new MediaNotification.Irrelevant(unique("moderation"), "moderation")));

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("outcome").asText()).isEqualTo("no_such_media");
        assertThat(irrelevant.status()).isEqualTo(200);
        assertThat(irrelevant.json().path("outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void aNotificationForADeletedMessageIsAcknowledgedAndItsFileDeletedAgain() {
        User ada = app.user("regret");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        app.deleteMessage.delete(ada.id(), message.id());

        TestServer.Reply reply = webhook(app.media.notification(
                new MediaNotification.Uploaded(unique("late-upload"), assetKey(message), JPEG, Optional.empty())));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("outcome").asText()).isEqualTo("no_such_media");
        assertThat(app.store.queuedDeletions()).contains(assetKey(message));
    }

    @Test
    void theBodyReachesVerificationByteForByteWhateverItsContentType() {
        User ada = app.user("bytes");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.RAW);
        // odd whitespace, escapes, non-ASCII and a non-BMP character: any re-serialisation would change these bytes
        String odd = " \uFEFF{ \"notification_type\" :\t\"upload\",\r\n  \"public_id\":\"caf\u00e9\\u00e9 \u2028\uD83D\uDE00\" ,"
                + "\"n\":1.50E+2 , \"id\":\"" + unique("odd") + "\"}\n\n ";
        RawNotification genuine = app.media.notification(new MediaNotification.Uploaded(odd, assetKey(message), PDF, Optional.empty()));
        byte[] notUtf8 = {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0x80, '\r', '\n', '{', '}', (byte) 0xC3};
        received.clear();

        TestServer.Reply applied = webhook(genuine.body(), "1700000000", genuine.signature(), "text/plain; charset=iso-8859-1");
        TestServer.Reply unreadable = webhook(notUtf8, "0", FakeMediaStore.GOOD_SIGNATURE, null);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("outcome").asText()).isEqualTo("applied");
        assertThat(status(message)).isEqualTo(MediaStatus.READY);
        // a verified body the store can't read is the sender's mistake
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.problemCode()).isEqualTo("validation_failed");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).body()).isEqualTo(odd.getBytes(StandardCharsets.UTF_8));
        assertThat(received.get(0).timestamp()).isEqualTo("1700000000");
        assertThat(received.get(0).signature()).isEqualTo(FakeMediaStore.GOOD_SIGNATURE);
        assertThat(received.get(1).body()).isEqualTo(notUtf8);
    }

    @Test
    void missingHeadersAndBodiesReachVerificationAsEmpty() {
        received.clear();

        TestServer.Reply reply = server.send(server.request(WEBHOOK, null).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.problemCode()).isEqualTo("invalid_signature");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEmpty();
        assertThat(received.get(0).timestamp()).isEmpty();
        assertThat(received.get(0).signature()).isEmpty();
    }

    @Test
    void webhookBodiesOverTheLimitAre413AndNeverVerified() {
        received.clear();
        byte[] big = new byte[70 * 1024];
        Arrays.fill(big, (byte) ' ');
        StringBuilder chunked = new StringBuilder("POST " + WEBHOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Cld-Timestamp: 0\r\nX-Cld-Signature: good\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < big.length; i += 4096) {
            int length = Math.min(4096, big.length - i);
            chunked.append(Integer.toHexString(length)).append("\r\n").append(" ".repeat(length)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        String response = RawHttp.exchange(server.port(), chunked.toString());

        assertThat(RawHttp.status(response)).as(response).isEqualTo(413);
        assertThat(RawHttp.body(response)).contains("\"code\":\"payload_too_large\"");
        assertThat(received).isEmpty();
    }

    @Test
    void onlyPostIsServedOnTheWebhook() {
        TestServer.Reply reply = server.get(WEBHOOK, null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("POST");
    }

    // ---- GET /media/{messageId} ---------------------------------------------------------------------------------------

    @Test
    void mediaOnItsWayHasNoLinks() {
        User ada = app.user("patient");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.IMAGE);

        TestServer.Reply reply = server.get("/media/" + message.id(), server.token(ada));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("messageId", "status", "resourceType", "expiresAt");
        assertThat(body.path("messageId").asText()).isEqualTo(message.id().toString());
        assertThat(body.path("status").asText()).isEqualTo("uploading");
        assertThat(body.path("resourceType").asText()).isEqualTo("image");
        assertThat(body.path("expiresAt").isNull()).isTrue();

        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded(unique("half"), assetKey(message), JPEG,
                                                                                            Optional.empty())));
        JsonNode processing = server.get("/media/" + message.id(), server.token(ada)).json();
        assertThat(processing.path("status").asText()).isEqualTo("processing");
        assertThat(processing.has("original")).isFalse();
        assertThat(processing.has("variants")).isFalse();
    }

    @Test
    void readyMediaHasExpiringLinksForEveryMember() {
        User ada = app.user("sender");
        User bob = app.user("viewer");
        Chat chat = app.chat(ada, bob);
        Message message = upload(ada, chat, ResourceType.IMAGE);
        String key = assetKey(message);
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded(unique("ready"), key, JPEG,
                                                                                            Optional.of(List.of("preview_800", "thumbnail_250")))));

        TestServer.Reply reply = server.get("/media/" + message.id(), server.token(bob));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("messageId", "status", "resourceType", "expiresAt", "original", "variants");
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("expiresAt").asText()).isEqualTo(Times.format(app.clock.instant().plus(Duration.ofMinutes(5))));
        long expires = app.clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond();
        JsonNode original = body.path("original");
        assertThat(fieldNames(original)).containsExactlyInAnyOrder("url", "format", "bytes", "width", "height");
        assertThat(original.path("url").asText()).isEqualTo("https://media.test/" + key + "?exp=" + expires);
        // the fake's links say nothing about the file: what was measured at upload fills in
        assertThat(original.path("format").asText()).isEqualTo("jpg");
        assertThat(original.path("bytes").asLong()).isEqualTo(50_000);
        assertThat(original.path("width").asInt()).isEqualTo(1024);
        assertThat(original.path("height").asInt()).isEqualTo(768);
        JsonNode variants = body.path("variants");
        assertThat(fieldNames(variants)).containsExactly("thumbnail_250", "preview_800");
        JsonNode thumbnail = variants.path("thumbnail_250");
        assertThat(fieldNames(thumbnail)).containsExactlyInAnyOrder("url", "format", "width", "height");
        assertThat(thumbnail.path("url").asText()).isEqualTo("https://media.test/" + key + "/thumbnail_250?exp=" + expires);
        assertThat(thumbnail.path("format").isNull()).isTrue();
        assertThat(thumbnail.path("width").isNull()).isTrue();
    }

    @Test
    void theStoresOwnDescriptionOfALinkWins() {
        MediaLinks.Link described = new MediaLinks.Link(URI.create("https://cdn.test/doc.pdf"), Optional.of("pdf"),
                                                        OptionalLong.of(999), OptionalInt.empty(), OptionalInt.empty());
        try (TestServer custom = new TestServer(Map.of(), (testApp, uses) -> uses.viewMedia((caller, id) -> {
            MediaView view = testApp.viewMedia.media(caller, id);
            return new MediaView(view.message(), view.asset(), Optional.of(new MediaLinks(
                    Instant.parse("2026-11-23T10:05:00.123456Z"), described, Map.of("zeta", described, "alpha", described))));
        }))) {
            User ada = custom.app.user("described");
            Chat chat = custom.app.chat(ada);
            Message message = custom.app.requestUpload.request(new RequestUploadCommand(
                    ada.id(), chat.id(), ResourceType.RAW, Optional.empty(), OptionalLong.empty(), Optional.empty())).message();
            custom.app.handleNotification.handle(custom.app.media.notification(
                    new MediaNotification.Uploaded(unique("doc"), assetKey(message), PDF, Optional.empty())));

            JsonNode body = custom.get("/media/" + message.id(), custom.token(ada)).json();

            assertThat(body.path("status").asText()).isEqualTo("ready");
            assertThat(body.path("resourceType").asText()).isEqualTo("raw");
            assertThat(body.path("expiresAt").asText()).isEqualTo("2026-11-23T10:05:00.123Z");
            assertThat(body.path("original").path("url").asText()).isEqualTo("https://cdn.test/doc.pdf");
            assertThat(body.path("original").path("format").asText()).isEqualTo("pdf");
            assertThat(body.path("original").path("bytes").asLong()).isEqualTo(999);
            assertThat(body.path("original").path("width").isNull()).isTrue();
            // variants the media does not list come after, by name
            assertThat(fieldNames(body.path("variants"))).containsExactly("alpha", "zeta");
        }
    }

    @Test
    void readyDocumentsHaveOnlyTheOriginal() {
        User ada = app.user("documents");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.RAW);
        app.handleNotification.handle(app.media.notification(new MediaNotification.Uploaded(unique("pdf"), assetKey(message), PDF,
                                                                                            Optional.empty())));

        JsonNode body = server.get("/media/" + message.id(), server.token(ada)).json();

        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("original").path("format").asText()).isEqualTo("pdf");
        assertThat(body.path("original").path("width").isNull()).isTrue();
        assertThat(body.path("variants").isObject()).isTrue();
        assertThat(body.path("variants").isEmpty()).isTrue();
    }

    @Test
    void failedMediaHasNoLinks() {
        User ada = app.user("broken");
        Chat chat = app.chat(ada);
        Message message = upload(ada, chat, ResourceType.AUDIO);
        app.handleNotification.handle(app.media.notification(new MediaNotification.Failed(unique("f"), assetKey(message), "bad")));

        JsonNode body = server.get("/media/" + message.id(), server.token(ada)).json();

        assertThat(body.path("status").asText()).isEqualTo("failed");
        assertThat(body.path("expiresAt").isNull()).isTrue();
        assertThat(body.has("original")).isFalse();
        assertThat(body.has("variants")).isFalse();
    }

    @Test
    void mediaIsOnlyForMembersOfLiveMediaMessages() {
        User ada = app.user("keeper");
        User eve = app.user("snoop");
        Chat chat = app.chat(ada);
        Message media = upload(ada, chat, ResourceType.IMAGE);
        Message deleted = upload(ada, chat, ResourceType.IMAGE);
        app.deleteMessage.delete(ada.id(), deleted.id());
        Message text = app.postMessage.post(PostMessageCommand.of(ada.id(), chat.id(), "no file here", null)).message();
        String token = server.token(ada);

        TestServer.Reply outsider = server.get("/media/" + media.id(), server.token(eve));
        TestServer.Reply gone = server.get("/media/" + deleted.id(), token);
        TestServer.Reply notMedia = server.get("/media/" + text.id(), token);
        TestServer.Reply unknown = server.get("/media/" + UUID.randomUUID(), token);
        TestServer.Reply badId = server.get("/media/not-a-uuid", token);
        TestServer.Reply anonymous = server.get("/media/" + media.id(), null);

        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.problemCode()).isEqualTo("not_a_member");
        for (TestServer.Reply reply : List.of(gone, notMedia, unknown)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.problemCode()).isEqualTo("not_found");
        }
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.problemCode()).isEqualTo("validation_failed");
        assertThat(badId.json().path("detail").asText()).startsWith("messageId:");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemCode()).isEqualTo("unauthenticated");
    }

    // ---- wiring -----------------------------------------------------------------------------------------------------

    @Test
    void theMediaUseCasesAreRequired() {
        assertThatThrownBy(() -> new ApiUseCases(
                app.register, command -> null, app.authenticate, new ViewUsersService(app.store), app.createChat, app.viewChats,
                app.addMember, app.removeMember, app.changeRole, app.postMessage, app.listMessages, app.deleteMessage, app.listEvents,
                server.router, null, null, null, app.sessions, app.sessions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HttpApi needs requestUpload, mediaNotifications, viewMedia");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static Message upload(User author, Chat chat, ResourceType type) {
        return app.requestUpload.request(new RequestUploadCommand(author.id(), chat.id(), type, Optional.empty(), OptionalLong.empty(),
                                                                  Optional.empty())).message();
    }

    private static String assetKey(Message message) {
        return message.media().orElseThrow().assetKey();
    }

    private static MediaStatus status(Message message) {
        return app.store.message(message.id()).orElseThrow().media().orElseThrow().status();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static TestServer.Reply webhook(RawNotification notification) {
        return webhook(notification.body(), notification.timestamp(), notification.signature(), "application/json");
    }

    private static TestServer.Reply webhook(byte[] body, String timestamp, String signature, String contentType) {
        HttpRequest.Builder request = server.request(WEBHOOK, null).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header("X-Cld-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Cld-Signature", signature);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return server.send(request);
    }

    private static List<ChatEvent> events(Chat chat) {
        return app.store.eventsAfter(chat.id(), 0, 1000).stream()
                .filter(event -> event.type() != ChatEventType.MEMBER_ADDED)
                .toList();
    }

    private static long lastSeq(Chat chat) {
        return app.store.chat(chat.id()).orElseThrow().lastSeq();
    }

    private static List<UploadSpec> signedFor(Chat chat) {
        return app.media.signed.stream().filter(spec -> spec.folder().equals("chats/" + chat.id())).toList();
    }

    private static void assertNothingCreated(Chat chat) {
        assertThat(events(chat)).isEmpty();
        assertThat(app.store.messagesBefore(chat.id(), OptionalLong.empty(), 10)).isEmpty();
        assertThat(signedFor(chat)).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The fake store, recording every notification it is asked to verify. */
    private record RecordingStore(MediaStore delegate, List<RawNotification> received) implements MediaStore {
        @Override
        public SignedUpload signUpload(UploadSpec spec) {
            return delegate.signUpload(spec);
        }

        @Override
        public MediaNotification readNotification(RawNotification notification) {
            received.add(notification);
            return delegate.readNotification(notification);
        }

        @Override
        public MediaLinks links(MediaAsset asset, Duration lifetime) {
            return delegate.links(asset, lifetime);
        }

        @Override
        public void destroy(String assetKey, ResourceType type) {
            delegate.destroy(assetKey, type);
        }

        @Override
        public boolean reachable() {
            return delegate.reachable();
        }
    }
}
