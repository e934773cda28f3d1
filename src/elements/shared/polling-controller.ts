import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The timer functions polling runs on; tests swap in a manual clock to poll without waiting. */
export interface PollingClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The real clock: the window's timers and `Date.now()`. */
export const systemClock: PollingClock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface PollingOptions {
  /** Milliseconds between polls; 0 or less turns polling off. Read again after every host update. */
  interval: () => number;
  /** One poll. Its signal aborts when the host disconnects. A rejection is ignored: report errors yourself. */
  poll: (signal: AbortSignal) => Promise<unknown>;
  /** The clock to use instead of `PollingController.clock`. */
  clock?: PollingClock;
}

/**
 * Calls `poll` every `interval` while the host is connected and the page is visible: polling pauses
 * while the document is hidden (catching up at once on return when a poll is due), stops and aborts
 * a running poll when the host is removed, and never overlaps two polls. The first poll comes one
 * interval after connecting; the host loads its initial data itself.
 */
export class PollingController implements ReactiveController {
  /** The clock every controller uses unless its options name one; a test hook. */
  static clock: PollingClock = systemClock;

  private readonly host: ReactiveControllerHost;
  private readonly options: PollingOptions;
  private timer: unknown;
  private scheduledInterval = 0;
  private running: AbortController | undefined;
  private connected = false;
  private lastPoll = 0;

  constructor(host: ReactiveControllerHost, options: PollingOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Whether a poll is running now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Whether a next poll is scheduled (false while off, paused or disconnected). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.lastPoll = this.clock.now();
    this.schedule();
  }

  hostUpdated(): void {
    if (this.interval !== this.scheduledInterval) this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.cancel();
    this.running?.abort();
    this.running = undefined;
  }

  private get clock(): PollingClock {
    return this.options.clock ?? PollingController.clock;
  }

  private get interval(): number {
    const ms = this.options.interval();
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  private get hidden(): boolean {
    return document.visibilityState === 'hidden';
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay?: number): void {
    this.cancel();
    const interval = this.interval;
    this.scheduledInterval = interval;
    if (!this.connected || interval === 0 || this.hidden) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, delay ?? interval);
  }

  private async tick(): Promise<void> {
    if (!this.connected || this.hidden || this.running) return;
    const controller = new AbortController();
    this.running = controller;
    this.lastPoll = this.clock.now();
    try {
      await this.options.poll(controller.signal);
    } catch {
      // The poll reports its own failures; the schedule goes on.
    } finally {
      if (this.running === controller) this.running = undefined;
    }
    if (!controller.signal.aborted) this.schedule();
  }

  private readonly onVisibilityChange = (): void => {
    if (this.hidden) {
      this.cancel();
      return;
    }
    const interval = this.interval;
    if (!this.connected || interval === 0 || this.running) return;
    const elapsed = this.clock.now() - this.lastPoll;
    if (elapsed >= interval) void this.tick();
    else this.schedule(interval - elapsed);
  };

  /** Polls at once (a retry after a failed poll) and starts the interval over. */
  async pollNow(): Promise<void> {
    this.cancel();
    await this.tick();
  }
}
