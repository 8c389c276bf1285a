package com.chirpchat.application.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.user.UserId;

/**
 * Routes chat events from the fanout to this instance's live connections, each chat's events once, in order,
 * without gaps. The work is shared out: {@link SinkRegistry} knows the connections, {@link ChatStreams} the chats
 * they listen to (and what the fanout follows), a {@link ChatSequencer} per chat drops duplicates, waits out the
 * reorder window and fills gaps, and {@link CatchUp} reads from storage what the fanout did not bring.
 */
public final class LiveEventRouter implements SubscribeToChatEventsUseCase, ChatEventListener {
    /** How long an early event waits for the ones it overtook before they are read from storage. */
    public static final Duration DEFAULT_REORDER_WINDOW = Duration.ofMillis(25);

    private final ChatEventFanout fanout;
    private final LoadChatPositionsPort positions;
    private final LoadMembershipPort memberships;
    private final LiveMetrics metrics;
    private final SinkRegistry registry = new SinkRegistry();
    private final ChatStreams streams;
    private final Rejoin rejoin;

    private LiveEventRouter(ChatEventFanout fanout, LoadChatPositionsPort positions, LoadMembershipPort memberships,
                            LiveSettings settings) {
        this.fanout = fanout;
        this.positions = positions;
        this.memberships = memberships;
        this.metrics = settings.metrics();
        this.streams = new ChatStreams(fanout, registry, settings);
        this.rejoin = new Rejoin(registry, streams, positions);
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
        return create(fanout, positions, memberships, events, reorderWindow, TaskScheduler.virtualThreads());
    }

    /** The same, with the reorder window timed by {@code scheduler}. */
    public static LiveEventRouter create(ChatEventFanout fanout, LoadChatPositionsPort positions,
                                         LoadMembershipPort memberships, LoadChatEventsPort events,
                                         Duration reorderWindow, TaskScheduler scheduler) {
        LiveMetrics metrics = new LiveMetrics();
        LiveSettings settings = new LiveSettings(reorderWindow, scheduler, new CatchUp(events, metrics), metrics);
        LiveEventRouter router = new LiveEventRouter(fanout, positions, memberships, settings);
        fanout.listen(router);
        return router;
    }

    @Override
    public Subscription subscribe(EventSink sink) {
        UserId user = sink.userId();
        registry.open(sink);
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
        route(event, null);
    }

    @Override
    public void onEvent(ChatEvent event, Object rendering) {
        route(event, Objects.requireNonNull(rendering, "rendering"));
    }

    /** {@code rendering} may be null: the event is rendered when it is delivered. */
    private void route(ChatEvent event, Object rendering) {
        while (true) {
            ChatStreams.Opened opened;
            Optional<ChatStream> found = streams.find(event.chatId());
            if (found.isPresent()) {
                opened = new ChatStreams.Opened(found.get(), false);
            } else if (event.data() instanceof EventData.MemberAdded added && registry.hasConnections(added.userId())) {
                // a local user joined a chat nobody here listens to: open it just before this event
                opened = streams.open(event.chatId(), event.seq() - 1);
            } else {
                return; // nobody here listens to this chat
            }
            if (!opened.stream().offer(event, rendering)) {
                continue; // closed under our feet: look again
            }
            if (opened.fresh()) {
                opened.stream().catchUp();
            }
            return;
        }
    }

    /**
     * The fanout may have lost events: connections join the chats their users joined meanwhile (whose
     * {@code member_added} it could not bring), then every stream is caught up from storage.
     */
    @Override
    public void onReconnected() {
        rejoin.all();
        CatchUp.all(streams.all());
    }

    /** The chats with local listeners, for the {@link CommitWatch}. */
    ChatStreams streams() {
        return streams;
    }

    /** The fanout this router listens to, for the {@link CommitWatch}. */
    ChatEventFanout fanout() {
        return fanout;
    }

    /** Number of chats with local listeners (for metrics and tests). */
    public int activeChats() {
        return streams.size();
    }

    /** Events that arrived early and were delivered from the reorder buffer once the ones they overtook came. */
    public long reorderedEvents() {
        return metrics.reorderedEvents();
    }

    /** Times a gap in a chat's events was filled from storage (the fanout lost or long delayed an event). */
    public long gapFills() {
        return metrics.gapFills();
    }

    /** Events delivered from storage rather than from the fanout (gap fills and catch-ups). */
    public long replayedEvents() {
        return metrics.replayedEvents();
    }

    private void attach(ChatPosition position, EventSink sink) {
        while (true) {
            ChatStreams.Opened opened = streams.open(position.chatId(), position.lastSeq());
            if (!opened.stream().attach(sink, position.lastSeq(), opened.fresh(), memberships)) {
                continue; // closed under our feet: open it again
            }
            if (opened.fresh()) {
                opened.stream().catchUp();
            }
            return;
        }
    }

    private void detach(EventSink sink) {
        Set<ChatId> chats = registry.close(sink);
        fanout.unfollowUser(sink.userId());
        for (ChatId chatId : chats) {
            streams.find(chatId).ifPresent(stream -> stream.detach(sink));
        }
    }
}
