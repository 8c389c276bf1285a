package com.chirpchat.application.event;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/**
 * Routes chat events from the fanout to this instance's live connections.
 * <p>
 * Per chat with local listeners it keeps a stream whose cursor is the last sequence number delivered. An event
 * at the cursor or below is a duplicate and is dropped; an event beyond the next number means some were overtaken
 * (publishers racing after commit, two instances publishing to one chat) or lost (at-most-once fanout). Such an
 * event is held for a short reorder window: when the missing ones arrive meanwhile, all are delivered in order
 * without touching storage; when the window closes first, the missing ones are read from storage. Every
 * connection therefore sees each chat's events once, in order, without gaps. Membership events
 * change who listens: a {@code member_added} user's connections join the stream before it is delivered, a
 * {@code member_removed} user's connections receive it and then leave.
 */
public final class LiveEventRouter implements SubscribeToChatEventsUseCase, ChatEventListener {
    private static final System.Logger LOG = System.getLogger(LiveEventRouter.class.getName());
    static final int REPLAY_PAGE = 500;
    /** Beyond this many missed events a connection is better served by catching up itself over HTTP. */
    static final int MAX_REPLAY = 5_000;
    static final int CATCH_UP_PARALLELISM = 8;
    /** How long an early event waits for the ones it overtook before they are read from storage. */
    public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofMillis(25);
    /** Early events held per chat; beyond this the gap is filled from storage at once. */
    static final int MAX_EARLY = 1_000;

    private final ChatEventFanout fanout;
    private final LoadChatPositionsPort positions;
    private final LoadMembershipPort memberships;
    private final LoadChatEventsPort events;
    private final Duration reorderWindow;
    private final LongAdder reordered = new LongAdder();
    private final LongAdder gapFills = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final ConcurrentHashMap<ChatId, ChatStream> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Set<EventSink>> sinksByUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EventSink, Set<ChatId>> chatsBySink = new ConcurrentHashMap<>();

    private LiveEventRouter(ChatEventFanout fanout, LoadChatPositionsPort positions, LoadMembershipPort memberships,
                            LoadChatEventsPort events, Duration reorderWindow) {
        if (reorderWindow.isNegative()) {
            throw new IllegalArgumentException("reorder window must not be negative");
        }
        this.reorderWindow = reorderWindow;
        this.fanout = fanout;
        this.positions = positions;
        this.memberships = memberships;
        this.events = events;
    }

    /** A router listening to {@code fanout}. */
    public static LiveEventRouter create(ChatEventFanout fanout, LoadChatPositionsPort positions,
                                         LoadMembershipPort memberships, LoadChatEventsPort events) {
        return create(fanout, positions, memberships, events, DEFAULT_REORDER_WINDOW);
    }

    /** A router listening to {@code fanout} that holds overtaking events for {@code reorderWindow} (zero: not at all). */
    public static LiveEventRouter create(ChatEventFanout fanout, LoadChatPositionsPort positions,
                                         LoadMembershipPort memberships, LoadChatEventsPort events,
                                         Duration reorderWindow) {
        LiveEventRouter router = new LiveEventRouter(fanout, positions, memberships, events, reorderWindow);
        fanout.listen(router);
        return router;
    }

    @Override
    public Subscription subscribe(EventSink sink) {
        UserId user = sink.userId();
        chatsBySink.put(sink, ConcurrentHashMap.newKeySet());
        sinksByUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(sink);
        // follow the user before reading their chats, so a chat they join after the read is still heard of
        fanout.followUser(user);
        try {
            for (ChatPosition position : positions.positionsOf(user)) {
                attach(position, sink);
            }
        } catch (RuntimeException e) {
            detach(sink); // a half-made subscription would leak its follows and keep receiving
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                detach(sink);
            }
        };
    }

    @Override
    public void onEvent(ChatEvent event) {
        while (true) {
            ChatStream stream = streams.get(event.chatId());
            boolean created = false;
            if (stream == null) {
                if (!(event.data() instanceof EventData.MemberAdded added) || !sinksByUser.containsKey(added.userId())) {
                    return; // nobody here listens to this chat
                }
                StreamRef ref = streamFor(event.chatId(), event.seq() - 1);
                stream = ref.stream();
                created = ref.created();
            }
            stream.lock.lock();
            try {
                if (stream.closed) {
                    continue; // closed under our feet: look again
                }
                if (event.seq() > stream.cursor + 1) { // never for a stream just created at seq - 1
                    holdOrFill(stream, event);
                } else if (event.seq() > stream.cursor) {
                    dispatch(stream, event);
                    deliverEarly(stream);
                }
            } finally {
                stream.lock.unlock();
                finishClose(stream);
            }
            if (created) {
                catchUp(stream);
            }
            return;
        }
    }

    /**
     * Catches every stream up from storage. Streams are independent, so they catch up side by side (a few at a
     * time, to spare the database) instead of one after another.
     */
    @Override
    public void onReconnected() {
        Semaphore permits = new Semaphore(CATCH_UP_PARALLELISM);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChatStream stream : List.copyOf(streams.values())) {
                permits.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        catchUp(stream);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    /** Number of chats with local listeners (for metrics and tests). */
    public int activeChats() {
        return streams.size();
    }

    /** Events that arrived early and were delivered from the reorder buffer once the ones they overtook came. */
    public long reorderedEvents() {
        return reordered.sum();
    }

    /** Times a gap in a chat's events was filled from storage (the fanout lost or long delayed an event). */
    public long gapFills() {
        return gapFills.sum();
    }

    /** Events delivered from storage rather than from the fanout (gap fills and catch-ups). */
    public long replayedEvents() {
        return replayed.sum();
    }

    /** With the stream locked: {@code event} overtook others; hold it for the window, or fill the gap now. */
    private void holdOrFill(ChatStream stream, ChatEvent event) {
        stream.early.putIfAbsent(event.seq(), event);
        if (reorderWindow.isZero() || stream.early.size() > MAX_EARLY) {
            fillGap(stream);
        } else if (!stream.gapTimerArmed) {
            stream.gapTimerArmed = true;
            Thread.ofVirtual().name("chat-gap-" + stream.chatId).start(() -> gapTimer(stream));
        }
    }

    /** When the window has passed, whatever is still missing is read from storage. */
    private void gapTimer(ChatStream stream) {
        try {
            Thread.sleep(reorderWindow);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stream.lock.lock();
        try {
            stream.gapTimerArmed = false;
            if (!stream.closed) {
                fillGap(stream);
            }
        } finally {
            stream.lock.unlock();
            finishClose(stream);
        }
    }

    /**
     * With the stream locked: reads from storage what the held events overtook and delivers everything in order.
     * Should storage fail to supply them, the held events are delivered anyway: connections see the gap in sequence
     * numbers and fetch the missing events themselves.
     */
    private void fillGap(ChatStream stream) {
        if (stream.early.isEmpty()) {
            return;
        }
        gapFills.increment();
        replay(stream, stream.early.lastKey() - 1);
        deliverEarly(stream);
        while (!stream.early.isEmpty() && !stream.closed) {
            ChatEvent next = stream.early.pollFirstEntry().getValue();
            if (next.seq() > stream.cursor) {
                dispatch(stream, next);
            }
        }
    }

    /** With the stream locked: delivers held events that are next in line, and forgets those already delivered. */
    private void deliverEarly(ChatStream stream) {
        while (!stream.early.isEmpty() && !stream.closed) {
            var first = stream.early.firstEntry();
            if (first.getKey() <= stream.cursor) {
                stream.early.pollFirstEntry();
            } else if (first.getKey() == stream.cursor + 1) {
                stream.early.pollFirstEntry();
                reordered.increment();
                dispatch(stream, first.getValue());
            } else {
                return;
            }
        }
    }

    private void attach(ChatPosition position, EventSink sink) {
        ChatId chatId = position.chatId();
        while (true) {
            StreamRef ref = streamFor(chatId, position.lastSeq());
            ChatStream stream = ref.stream();
            stream.lock.lock();
            try {
                if (stream.closed) {
                    continue;
                }
                // a stream already past our snapshot may have delivered this user's removal: ask again
                boolean stillMember = ref.created() || stream.cursor <= position.lastSeq()
                        || memberships.roleOf(chatId, sink.userId()).isPresent();
                if (stillMember) {
                    join(stream, sink);
                }
                if (stream.sinks.isEmpty()) {
                    close(stream);
                }
            } finally {
                stream.lock.unlock();
                finishClose(stream);
            }
            if (ref.created()) {
                catchUp(stream);
            }
            return;
        }
    }

    private void detach(EventSink sink) {
        UserId user = sink.userId();
        sinksByUser.computeIfPresent(user, (u, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
        Set<ChatId> chats = chatsBySink.remove(sink);
        fanout.unfollowUser(user);
        if (chats == null) {
            return;
        }
        for (ChatId chatId : chats) {
            ChatStream stream = streams.get(chatId);
            if (stream == null) {
                continue;
            }
            stream.lock.lock();
            try {
                stream.sinks.remove(sink);
                if (stream.sinks.isEmpty()) {
                    close(stream);
                }
            } finally {
                stream.lock.unlock();
                finishClose(stream);
            }
        }
    }

    /** The chat's stream, opening (and following) it at {@code cursor} when there is none. */
    private StreamRef streamFor(ChatId chatId, long cursor) {
        ChatStream existing = streams.get(chatId);
        if (existing != null) {
            return new StreamRef(existing, false);
        }
        // follow before the stream becomes visible, so whoever closes it can always unfollow
        fanout.follow(chatId);
        ChatStream fresh = new ChatStream(chatId, cursor);
        existing = streams.putIfAbsent(chatId, fresh);
        if (existing != null) {
            fanout.unfollow(chatId);
            return new StreamRef(existing, false);
        }
        return new StreamRef(fresh, true);
    }

    /** Delivers what storage has beyond the cursor: events committed before the stream could hear them. */
    private void catchUp(ChatStream stream) {
        stream.lock.lock();
        try {
            if (!stream.closed) {
                replay(stream, Long.MAX_VALUE);
                deliverEarly(stream);
            }
        } finally {
            stream.lock.unlock();
            finishClose(stream);
        }
    }

    private void replay(ChatStream stream, long upTo) {
        int replayed = 0;
        try {
            while (!stream.closed && stream.cursor < upTo && replayed < MAX_REPLAY) {
                List<ChatEvent> page = events.eventsAfter(stream.chatId, stream.cursor, REPLAY_PAGE);
                for (ChatEvent missed : page) {
                    if (missed.seq() > upTo || stream.closed) {
                        return;
                    }
                    if (missed.seq() > stream.cursor) {
                        dispatch(stream, missed);
                        replayed++;
                        this.replayed.increment();
                    }
                }
                if (page.size() < REPLAY_PAGE) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // connections will see the gap in sequence numbers and fetch the missing events themselves
            LOG.log(Level.WARNING, "could not replay missed events of chat " + stream.chatId, e);
        }
    }

    private void dispatch(ChatStream stream, ChatEvent event) {
        stream.cursor = event.seq();
        if (event.data() instanceof EventData.MemberAdded added) {
            sinksByUser.getOrDefault(added.userId(), Set.of()).forEach(sink -> join(stream, sink));
        }
        OutboundEvent outbound = new OutboundEvent(event);
        for (EventSink sink : stream.sinks) {
            try {
                sink.deliver(outbound);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a connection failed to take an event", e);
            }
        }
        if (event.data() instanceof EventData.MemberRemoved removed) {
            stream.sinks.removeIf(sink -> {
                if (!sink.userId().equals(removed.userId())) {
                    return false;
                }
                chatsBySink.computeIfPresent(sink, (s, chats) -> {
                    chats.remove(stream.chatId);
                    return chats;
                });
                return true;
            });
        }
        if (stream.sinks.isEmpty()) {
            close(stream);
        }
    }

    /** Adds the connection unless it has been closed meanwhile (its chat set is gone then). */
    private void join(ChatStream stream, EventSink sink) {
        Set<ChatId> chats = chatsBySink.computeIfPresent(sink, (s, ids) -> {
            ids.add(stream.chatId);
            return ids;
        });
        if (chats != null) {
            stream.sinks.add(sink);
        }
    }

    private void close(ChatStream stream) {
        stream.closed = true;
        stream.early.clear();
        streams.remove(stream.chatId, stream);
    }

    private void finishClose(ChatStream stream) {
        if (stream.closed && stream.unfollowed.compareAndSet(false, true)) {
            fanout.unfollow(stream.chatId);
        }
    }

    private record StreamRef(ChatStream stream, boolean created) {
    }

    /** A chat with local listeners. Guarded by {@code lock}. */
    private static final class ChatStream {
        private final ReentrantLock lock = new ReentrantLock();
        private final ChatId chatId;
        private final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean unfollowed = new AtomicBoolean();
        /** Events beyond cursor + 1, waiting for the ones they overtook. */
        private final TreeMap<Long, ChatEvent> early = new TreeMap<>();
        private boolean gapTimerArmed;
        private long cursor;
        private volatile boolean closed;

        private ChatStream(ChatId chatId, long cursor) {
            this.chatId = chatId;
            this.cursor = cursor;
        }
    }
}
