/**
 * ChirpChat's domain: users, chats and their membership rules, messages, media assets and chat events, and
 * the changes to a chat ({@code ledger}): pure decisions that number their own events.
 * Plain Java only: nothing here knows about HTTP, databases, brokers or Cloudinary.
 */
module com.chirpchat.domain {
    exports com.chirpchat.domain.common;
    exports com.chirpchat.domain.user;
    exports com.chirpchat.domain.chat;
    exports com.chirpchat.domain.message;
    exports com.chirpchat.domain.media;
    exports com.chirpchat.domain.event;
    exports com.chirpchat.domain.ledger;
}
