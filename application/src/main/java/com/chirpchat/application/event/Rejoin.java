package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import com.chirpchat.domain.user.UserId;

/**
 * After the fanout was cut off: the chats connected users joined meanwhile. The fanout could not bring their
 * {@code member_added}, so nothing here opened (or joined) those chats, and nothing ever would — an instance hears
 * only the chats it follows. So each connected user's chats are read again, and a connection missing one joins
 * it, getting first, from storage, what it missed since the user joined; the chat is followed from then on.
 */
final class Rejoin {
    private static final System.Logger LOG = System.getLogger(Rejoin.class.getName());

    private final SinkRegistry registry;
    private final ChatStreams streams;
    private final LoadChatPositionsPort positions;

    Rejoin(SinkRegistry registry, ChatStreams streams, LoadChatPositionsPort positions) {
        this.registry = registry;
        this.streams = streams;
        this.positions = positions;
    }

    /** Rejoins every connected user's connections to the chats they lack, a few users at a time; returns when done. */
    void all() {
        Semaphore permits = new Semaphore(CatchUp.PARALLELISM);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UserId user : registry.users()) {
                permits.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        user(user);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    private void user(UserId user) {
        List<ChatPosition> chats;
        try {
            chats = positions.positionsOf(user);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the chats of " + user + " after the fanout came back", e);
            return;
        }
        for (EventSink sink : List.copyOf(registry.connectionsOf(user))) {
            for (ChatPosition chat : chats) {
                if (!registry.listensTo(sink, chat.chatId())) {
                    join(sink, chat);
                }
            }
        }
    }

    private void join(EventSink sink, ChatPosition chat) {
        while (true) {
            ChatStreams.Opened opened = streams.open(chat.chatId(), chat.joinedSeq() - 1);
            if (!opened.stream().rejoin(sink, chat.joinedSeq())) {
                continue; // closed under our feet: open it again
            }
            if (opened.fresh()) {
                opened.stream().catchUp();
            }
            return;
        }
    }
}
