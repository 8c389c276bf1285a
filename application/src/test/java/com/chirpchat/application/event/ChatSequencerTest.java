package com.chirpchat.application.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import com.chirpchat.application.fakes.ManualScheduler;
import com.chirpchat.application.fakes.MutableClock;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.message.MessageId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One chat's sequencer on its own, on the test's thread: storage is a stub whose reads are counted, time is a
 * {@link ManualScheduler}. Nothing can arrive behind the test's back, so "not yet" is checked against the timer.
 */
class ChatSequencerTest {
    private static final Duration WINDOW = Duration.ofMillis(25);
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final ManualScheduler scheduler = new ManualScheduler(new MutableClock(T0));
    private final LiveMetrics metrics = new LiveMetrics();
    private final List<Long> emitted = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    /** Storage holds seqs 1..stored. */
    private long stored = 10;
    private boolean storageDown;
    private ChatSequencer sequencer = sequencer(2, WINDOW);

    @Test
    void theNextEventGoesOutAtOnceAndDuplicatesAndOldOnesAreDropped() {
        sequencer.offer(event(3));
        sequencer.offer(event(3));
        sequencer.offer(event(1));
        sequencer.offer(event(4));

        assertThat(emitted).containsExactly(3L, 4L);
        assertThat(sequencer.cursor()).isEqualTo(4);
        assertThat(scheduler.pending()).isZero();
        assertThat(reads).hasValue(0);
    }

    @Test
    void anEarlyEventWaitsForTheWindowThenStorageFillsTheGap() {
        sequencer.offer(event(5));
        scheduler.advance(WINDOW.minusNanos(1));
        assertThat(scheduler.pending()).as("the window's timer has not come due").isEqualTo(1);
        assertThat(emitted).isEmpty();

        scheduler.advance(Duration.ofNanos(1));

        assertThat(emitted).containsExactly(3L, 4L, 5L);
        assertThat(metrics.gapFills()).isEqualTo(1);
        assertThat(metrics.replayedEvents()).as("storage up to the held event, not beyond").isEqualTo(2);
        assertThat(reads).hasValue(1);
    }

    @Test
    void heldEventsAreReleasedInOrderByWhatTheyOvertook() {
        sequencer.offer(event(6));
        sequencer.offer(event(4));
        sequencer.offer(event(5));
        assertThat(emitted).isEmpty();
        assertThat(scheduler.pending()).as("one timer for the gap").isEqualTo(1);

        sequencer.offer(event(3));

        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L);
        assertThat(metrics.reorderedEvents()).isEqualTo(3);
        scheduler.advance(WINDOW);
        assertThat(scheduler.ran()).isEqualTo(1);
        assertThat(emitted).as("the timer found nothing left to fill").containsExactly(3L, 4L, 5L, 6L);
        assertThat(metrics.gapFills()).isZero();
        assertThat(reads).hasValue(0);
    }

    @Test
    void aNewGapAfterTheFirstIsTimedAfresh() {
        sequencer.offer(event(4));
        scheduler.advance(WINDOW);
        assertThat(emitted).containsExactly(3L, 4L);

        sequencer.offer(event(6));
        assertThat(scheduler.pending()).isEqualTo(1);
        scheduler.advance(WINDOW);

        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L);
        assertThat(metrics.gapFills()).isEqualTo(2);
    }

    @Test
    void aGapThatOpensWhileTheTimerOfAClosedOneIsPendingGetsAWholeWindow() {
        sequencer.offer(event(4));
        scheduler.advance(WINDOW.dividedBy(5));
        sequencer.offer(event(3)); // the first gap closes by itself; its timer is still pending
        assertThat(emitted).containsExactly(3L, 4L);

        scheduler.advance(WINDOW.dividedBy(5).multipliedBy(3));
        sequencer.offer(event(6)); // a new gap, 5 ms before the first gap's timer comes due
        scheduler.advance(WINDOW.dividedBy(5));
        assertThat(scheduler.ran()).as("the first gap's timer came due").isEqualTo(1);
        assertThat(reads).as("the new gap is not filled before its own window has passed").hasValue(0);
        assertThat(emitted).containsExactly(3L, 4L);

        sequencer.offer(event(5)); // what 6 overtook arrives within 6's window

        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L);
        assertThat(metrics.gapFills()).isZero();
        assertThat(metrics.reorderedEvents()).isEqualTo(2);
        scheduler.advance(WINDOW);
        assertThat(reads).as("nor by its timer, which finds the gap closed").hasValue(0);
    }

    @Test
    void aGapThatOpensAfterOneFilledWithoutWaitingGetsAWholeWindow() {
        stored = 5_000;
        sequencer.offer(event(4));
        LongStream.rangeClosed(5, 5 + ChatSequencer.MAX_EARLY).forEach(seq -> sequencer.offer(event(seq)));
        long last = 5 + ChatSequencer.MAX_EARLY;
        assertThat(sequencer.cursor()).as("too many held: filled at once").isEqualTo(last);
        assertThat(metrics.gapFills()).isEqualTo(1);
        int readsSoFar = reads.get();

        scheduler.advance(WINDOW.dividedBy(5).multipliedBy(4));
        sequencer.offer(event(last + 2)); // a new gap, 5 ms before the first gap's timer comes due
        scheduler.advance(WINDOW.dividedBy(5));
        assertThat(scheduler.ran()).as("the first gap's timer came due").isEqualTo(1);
        assertThat(reads).as("not filled by the first gap's timer").hasValue(readsSoFar);

        scheduler.advance(WINDOW);
        assertThat(metrics.gapFills()).as("filled once its own window has passed").isEqualTo(2);
        assertThat(sequencer.cursor()).isEqualTo(last + 2);
    }

    @Test
    void tooManyEarlyEventsFillTheGapWithoutWaiting() {
        stored = 3 + ChatSequencer.MAX_EARLY + 1;
        for (long seq = 4; seq <= stored; seq++) {
            sequencer.offer(event(seq)); // seq 3 never comes
        }

        assertThat(emitted).containsExactlyElementsOf(LongStream.rangeClosed(3, stored).boxed().toList());
        assertThat(metrics.gapFills()).isEqualTo(1);
    }

    @Test
    void whenStorageKeepsFailingTheHeldEventsGoOutWithTheGap() {
        storageDown = true;
        sequencer.offer(event(5));
        scheduler.advance(WINDOW);
        assertThat(reads).as("storage was asked").hasValue(1);
        assertThat(emitted).as("held on: storage is asked again").isEmpty();

        // read again after 2, 4, 8 and 16 windows, the last time in vain: then the held events go out
        for (int wait = 2; wait <= 8; wait *= 2) {
            scheduler.advance(WINDOW.multipliedBy(wait));
            assertThat(emitted).isEmpty();
        }
        scheduler.advance(WINDOW.multipliedBy(16).minusNanos(1));
        assertThat(emitted).isEmpty();
        scheduler.advance(Duration.ofNanos(1));

        assertThat(reads).hasValue(ChatSequencer.FILL_ATTEMPTS);
        assertThat(metrics.gapFills()).as("one gap, however often storage was asked").isEqualTo(1);
        assertThat(emitted).containsExactly(5L);
        sequencer.offer(event(6));
        assertThat(emitted).containsExactly(5L, 6L);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aGapStorageFailedToFillIsFilledWhenStorageAnswersAgain() {
        storageDown = true;
        sequencer.offer(event(5));
        scheduler.advance(WINDOW);
        assertThat(reads).hasValue(1);
        sequencer.offer(event(6)); // held behind the same gap, no timer of its own
        assertThat(emitted).isEmpty();

        storageDown = false; // e.g. the pool replaced a connection the database dropped
        scheduler.advance(WINDOW.multipliedBy(2));

        assertThat(emitted).as("no hole in the stream").containsExactly(3L, 4L, 5L, 6L);
        assertThat(reads).hasValue(2);
        storageDown = true;
        sequencer.offer(event(8)); // a later gap starts with a whole series of attempts again
        scheduler.advance(WINDOW);
        storageDown = false;
        scheduler.advance(WINDOW.multipliedBy(2));
        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void catchUpDeliversWhatStorageHasBeyondTheCursorThenWhatWasHeld() {
        stored = 6;
        sequencer.offer(event(8)); // beyond storage's newest: published, committed after our read
        sequencer.catchUp();

        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L);
        assertThat(metrics.replayedEvents()).isEqualTo(4);
        sequencer.offer(event(7));
        assertThat(emitted).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void catchUpStopsAtTheReplayLimit() {
        stored = 2 + CatchUp.MAX_REPLAY + CatchUp.PAGE;
        sequencer.catchUp();

        assertThat(emitted).hasSize(CatchUp.MAX_REPLAY);
        assertThat(emitted.getLast()).isEqualTo(2 + CatchUp.MAX_REPLAY);
        assertThat(reads).hasValue(CatchUp.MAX_REPLAY / CatchUp.PAGE);
    }

    @Test
    void aClosedSequencerEmitsNothingEvenWhenItsWindowClosesLater() {
        sequencer.offer(event(5));
        sequencer.close();
        sequencer.offer(event(3));
        scheduler.advance(WINDOW);

        assertThat(scheduler.ran()).as("the timer ran").isEqualTo(1);
        assertThat(emitted).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void theOutputMayCloseTheSequencerMidway() {
        sequencer = sequencer(2, WINDOW, seq -> seq == 4);
        sequencer.offer(event(5));
        sequencer.offer(event(4));
        sequencer.offer(event(3));

        assertThat(emitted).as("nothing after the event that closed it").containsExactly(3L, 4L);
    }

    @Test
    void withoutAWindowAGapIsFilledAtOnce() {
        sequencer = sequencer(2, Duration.ZERO);
        sequencer.offer(event(4));

        assertThat(emitted).containsExactly(3L, 4L);
        assertThat(scheduler.pending()).isZero();
    }

    private ChatSequencer sequencer(long cursor, Duration window) {
        return sequencer(cursor, window, seq -> false);
    }

    private ChatSequencer sequencer(long cursor, Duration window, LongPredicate closesAfter) {
        LoadChatEventsPort storage = (chatId, after, limit) -> {
            reads.incrementAndGet();
            if (storageDown) {
                throw new IllegalStateException("database down");
            }
            return LongStream.rangeClosed(after + 1, Math.min(stored, after + limit)).mapToObj(this::event).toList();
        };
        ChatSequencer[] self = new ChatSequencer[1];
        self[0] = new ChatSequencer(chat, cursor, window, scheduler, timer -> self[0].windowClosed(timer),
                                    new CatchUp(storage, metrics), metrics, event -> {
                                        emitted.add(event.seq());
                                        if (closesAfter.test(event.seq())) {
                                            self[0].close();
                                        }
                                    });
        return self[0];
    }

    private ChatEvent event(long seq) {
        return new ChatEvent(chat, seq, T0, new EventData.MessageDeleted(new MessageId(UUID.randomUUID())));
    }
}
