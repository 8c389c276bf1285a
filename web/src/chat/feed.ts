import type { ChatEvent, EventPage } from '../api/types';

/**
 * One chat's event stream, applied exactly once and in order. Live events arrive from the socket; whatever is
 * missing (a gap in `seq`, the time the socket was down) is fetched with `GET /chats/{id}/events?after=`.
 * Applying is idempotent anyway (message events carry the message as it is now), but counting on order and
 * exactly-once keeps the page from flickering through stale states.
 */
export class ChatFeed {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    public last: number,
    private readonly fetchAfter: (after: number) => Promise<EventPage>,
    private readonly apply: (event: ChatEvent) => void,
  ) {}

  /** A live event: applied when it is the next one, ignored when already seen, else the gap is fetched. */
  offer(event: ChatEvent): void {
    if (event.seq <= this.last) {
      return;
    }
    if (event.seq === this.last + 1) {
      this.take(event);
      return;
    }
    void this.catchUp().catch(() => undefined); // the next event or reconnect tries again
  }

  /** Fetches and applies everything after the last applied event; concurrent calls share one run. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (let page = 0; page < 1000; page++) { // bounded: 1000 pages of 500 events
        const { items, hasMore } = await this.fetchAfter(this.last);
        items.filter((e) => e.seq > this.last).sort((a, b) => a.seq - b.seq).forEach((e) => this.take(e));
        if (!hasMore || items.length === 0) {
          break;
        }
      }
    } while (this.again);
  }

  private take(event: ChatEvent): void {
    this.last = event.seq;
    this.apply(event);
  }
}
