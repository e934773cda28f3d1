import type { ReactiveController, ReactiveControllerHost } from 'lit';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const PERMILLE = 1000;

/** Eases out, so the figure slows down as it nears its value. */
function easeOutCubic(t: number): number {
  return 1 - (1 - t) ** 3;
}

/**
 * Counts a figure up from zero once, the first time its host is on screen. Frames are whole
 * kilograms (`final × permille ÷ 1000` on bigints), so no float ever reaches the display. With
 * `prefers-reduced-motion: reduce`, without IntersectionObserver, or after the first count, the
 * final value shows at once; printing (`beforeprint`) shows it too, and the counter's print styles
 * show the final value whatever frame the screen is at.
 */
export class CountUpController implements ReactiveController {
  private readonly host: ReactiveControllerHost & Element;
  private readonly duration: number;
  private phase: 'idle' | 'waiting' | 'running' | 'done' = 'idle';
  private permille = 0;
  private observer: IntersectionObserver | undefined;
  private frame = 0;

  constructor(host: ReactiveControllerHost & Element, options: { duration?: number } = {}) {
    this.host = host;
    this.duration = options.duration ?? 1200;
    host.addController(this);
  }

  /** Whether the figure is still counting (or waiting to be seen). */
  get animating(): boolean {
    return this.phase === 'waiting' || this.phase === 'running';
  }

  hostDisconnected(): void {
    // A removed element has nothing to show off: it stops, and renders the final value at once, so
    // that re-added it does not show the frame it was removed at.
    if (this.animating) this.finish();
  }

  /** Paper gets the final value: a counter below the fold would otherwise print its first frame. */
  private readonly onPrint = (): void => this.finish();

  private stop(): void {
    if (typeof removeEventListener === 'function') removeEventListener('beforeprint', this.onPrint);
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.permille = PERMILLE;
    this.phase = 'done';
  }

  private finish(): void {
    this.stop();
    this.host.requestUpdate();
  }

  private run(): void {
    this.phase = 'running';
    let start: number | undefined;
    const step = (time: number) => {
      start ??= time;
      const t = Math.min((time - start) / this.duration, 1);
      this.permille = Math.round(easeOutCubic(t) * PERMILLE);
      // The eased curve rounds to the final value a little before the time is up.
      if (this.permille >= PERMILLE) {
        this.finish();
        return;
      }
      this.host.requestUpdate();
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  /** Arms the count: it starts when the host is first seen. Later calls do nothing. */
  start(): void {
    if (this.phase !== 'idle') return;
    const reduced = typeof matchMedia === 'function' && matchMedia(REDUCED_MOTION).matches;
    if (reduced || typeof IntersectionObserver === 'undefined' || typeof requestAnimationFrame !== 'function') {
      this.finish();
      return;
    }
    this.phase = 'waiting';
    addEventListener('beforeprint', this.onPrint);
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.observer?.disconnect();
      this.observer = undefined;
      this.run();
    });
    this.observer.observe(this.host);
  }

  /** The frame of `final` to show now: zero before the count, `final` after it. */
  value(final: bigint): bigint {
    if (this.phase === 'idle' || this.phase === 'done') return final;
    return (final * BigInt(this.permille)) / BigInt(PERMILLE);
  }
}
