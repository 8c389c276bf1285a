package com.chirpchat.adapters.http.media;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.chirpchat.adapters.http.web.Caller;
import com.chirpchat.adapters.http.web.Endpoints;
import com.chirpchat.adapters.http.web.Fields;
import com.chirpchat.adapters.http.web.JsonBodies;
import com.chirpchat.adapters.http.web.Params;
import com.chirpchat.adapters.http.web.Replies;
import com.chirpchat.adapters.http.web.RouteGroup;
import com.chirpchat.application.media.HandleMediaNotificationUseCase;
import com.chirpchat.application.media.MediaLinks;
import com.chirpchat.application.media.MediaView;
import com.chirpchat.application.media.NotificationOutcome;
import com.chirpchat.application.media.RawNotification;
import com.chirpchat.application.media.ReportUploadFailureUseCase;
import com.chirpchat.application.media.RequestUploadCommand;
import com.chirpchat.application.media.RequestUploadUseCase;
import com.chirpchat.application.media.SignedUpload;
import com.chirpchat.application.media.UploadTicket;
import com.chirpchat.application.media.ViewMediaUseCase;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.chirpchat.wire.Times;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Media: signing direct uploads to Cloudinary, Cloudinary's processing webhook, and expiring links to a media
 * message's files.
 */
public final class MediaRoutes implements RouteGroup {
    static final String UPLOAD_SIGNATURE = "/uploads/get-cloudinary-upload-signature";
    static final String WEBHOOK = "/webhooks/cloudinary/media-processed";
    static final String MEDIA = "/media/{messageId}";
    static final String FAILED = "/media/{messageId}/failed";

    private static final HeaderName CLD_TIMESTAMP = HeaderNames.create("X-Cld-Timestamp");
    private static final HeaderName CLD_SIGNATURE = HeaderNames.create("X-Cld-Signature");

    private final RequestUploadUseCase requestUpload;
    private final HandleMediaNotificationUseCase notifications;
    private final ViewMediaUseCase viewMedia;
    private final ReportUploadFailureUseCase reportFailure;
    private final JsonBodies bodies;

    public MediaRoutes(RequestUploadUseCase requestUpload, HandleMediaNotificationUseCase notifications,
                       ViewMediaUseCase viewMedia, ReportUploadFailureUseCase reportFailure, JsonBodies bodies) {
        this.requestUpload = requestUpload;
        this.notifications = notifications;
        this.viewMedia = viewMedia;
        this.reportFailure = reportFailure;
        this.bodies = bodies;
    }

    @Override
    public void addTo(Endpoints endpoints) {
        endpoints.post(UPLOAD_SIGNATURE, this::requestUpload)
                .post(WEBHOOK, this::notification)
                .get(MEDIA, this::media)
                .post(FAILED, this::failed);
    }

    /** The uploader reports the media store's refusal of their upload: the media fails now, members hear media_failed. */
    private void failed(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        MessageId messageId = MessageId.parse(Params.path(req, "messageId"));
        ObjectNode body = bodies.object(req);
        String reason = Fields.requiredString(body, "reason");
        Message message = reportFailure.report(caller, messageId, reason);
        Replies.json(res, 200, DomainJson.message(message));
    }

    private void requestUpload(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        ObjectNode body = bodies.object(req);
        ChatId chatId = ChatId.parse(Fields.requiredString(body, "chatId"));
        ResourceType type = ResourceType.parse(Fields.requiredString(body, "resourceType"));
        Optional<String> fileName = Fields.optionalString(body, "fileName");
        OptionalLong bytes = Fields.optionalLong(body, "bytes");
        Optional<ClientMessageId> clientMessageId = Fields.optionalString(body, "clientMessageId").map(ClientMessageId::new);

        UploadTicket ticket = requestUpload.request(new RequestUploadCommand(caller, chatId, type, fileName, bytes, clientMessageId));

        SignedUpload upload = ticket.upload();
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.put("messageId", ticket.message().id().toString());
        reply.put("uploadUrl", upload.uploadUrl().toString());
        reply.put("cloudName", upload.cloudName());
        reply.put("apiKey", upload.apiKey());
        reply.put("timestamp", upload.timestamp());
        reply.put("signature", upload.signature());
        reply.put("signatureAlgorithm", upload.signatureAlgorithm());
        ObjectNode params = reply.putObject("params");
        // Cloudinary's own (snake_case) names, exactly as signed; sorted only to make answers stable
        new TreeMap<>(upload.params()).forEach(params::put);
        // the signature lets its holder upload: a credential, not for caches
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        // 200 for a new message and for a retry alike (the contract's single answer); both are signed anew
        Replies.json(res, 200, reply);
    }

    private void notification(ServerRequest req, ServerResponse res) {
        // the signature covers the bytes as sent: never parse and re-serialise before the store has verified them
        byte[] body = bodies.raw(req);
        RawNotification raw = new RawNotification(body, header(req, CLD_TIMESTAMP), header(req, CLD_SIGNATURE));
        NotificationOutcome outcome = notifications.handle(raw);
        ObjectNode reply = Json.mapper().createObjectNode();
        // every outcome is acknowledged: Cloudinary retries anything but a 2xx
        reply.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        Replies.json(res, 200, reply);
    }

    private static String header(ServerRequest req, HeaderName name) {
        return req.headers().first(name).orElse("");
    }

    private void media(ServerRequest req, ServerResponse res) {
        UserId caller = Caller.of(req);
        MessageId messageId = MessageId.parse(Params.path(req, "messageId"));
        MediaView view = viewMedia.media(caller, messageId);

        ObjectNode reply = Json.mapper().createObjectNode();
        reply.put("messageId", view.message().id().toString());
        reply.put("status", view.asset().status().wireName());
        reply.put("resourceType", view.asset().resourceType().wireName());
        if (view.links().isPresent()) {
            MediaLinks links = view.links().get();
            reply.put("expiresAt", Times.format(links.expiresAt()));
            reply.set("original", original(links.original(), view.asset()));
            ObjectNode variants = reply.putObject("variants");
            ordered(links.variants(), view.asset().madeVariants())
                    .forEach((name, link) -> variants.set(name, variant(link, view.asset().variantFacts(name))));
        } else {
            // not ready: nothing to link to yet, so no expiry either (original and variants are absent)
            reply.putNull("expiresAt");
        }
        // the URLs stop working after expiresAt: a cached answer would hand out dead links
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Replies.json(res, 200, reply);
    }

    /**
     * The original's link; what the store did not say about the file comes from what it measured at upload, and
     * the name (with a document's format) from what the uploader declared.
     */
    private static ObjectNode original(MediaLinks.Link link, com.chirpchat.domain.media.MediaAsset asset) {
        MediaFacts measured = asset.measured();
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("url", link.url().toString());
        node.put("format", link.format().or(asset::format).orElse(null));
        node.put("fileName", asset.fileName().orElse(null));
        putLong(node, "bytes", link.bytes().isPresent() ? link.bytes() : measured.bytes());
        putInt(node, "width", link.width().isPresent() ? link.width() : measured.width());
        putInt(node, "height", link.height().isPresent() ? link.height() : measured.height());
        putDouble(node, "durationSeconds", measured.durationSeconds());
        return node;
    }

    /** A variant's link; its size and duration as the store measured them when it said, else as the store's link knows. */
    private static ObjectNode variant(MediaLinks.Link link, MediaFacts measured) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("url", link.url().toString());
        node.put("format", link.format().or(measured::format).orElse(null));
        putInt(node, "width", measured.width().isPresent() ? measured.width() : link.width());
        putInt(node, "height", measured.height().isPresent() ? measured.height() : link.height());
        putDouble(node, "durationSeconds", measured.durationSeconds());
        return node;
    }

    private static void putDouble(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    /** Variants in the order the media lists them (the contract's order), any others after, by name. */
    private static Map<String, MediaLinks.Link> ordered(Map<String, MediaLinks.Link> links, Iterable<String> made) {
        Map<String, MediaLinks.Link> ordered = new LinkedHashMap<>();
        made.forEach(name -> {
            if (links.containsKey(name)) {
                ordered.put(name, links.get(name));
            }
        });
        new TreeMap<>(links).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static void putLong(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    private static void putInt(ObjectNode node, String field, OptionalInt value) {
        if (value.isPresent()) {
            node.put(field, value.getAsInt());
        } else {
            node.putNull(field);
        }
    }
}
