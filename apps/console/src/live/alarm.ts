/**
 * The panic alarm: a two-tone beep (Web Audio, no audio file) repeated every second while a panic
 * waits for acknowledgement. Browsers start audio only after a user gesture: `unlock()` runs in the
 * login click. `data-alarm` on <html> says whether it sounds (styles and tests read it).
 */
export class Alarm {
  private ctx?: AudioContext;
  private timer?: ReturnType<typeof setInterval>;

  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume();
    } catch {
      // No audio device: the visual alarm still works.
    }
  }

  set(on: boolean): void {
    document.documentElement.dataset.alarm = on ? 'sounding' : 'silent';
    if (on && !this.timer) {
      this.beep();
      this.timer = setInterval(() => this.beep(), 1000);
    } else if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private beep(): void {
    const ctx = this.ctx;
    // What the last beep found: 'running' means it was played (shown for tests and support).
    document.documentElement.dataset.audio = ctx?.state ?? 'unavailable';
    if (!ctx || ctx.state !== 'running') return;
    const t = ctx.currentTime;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.6);
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.type = 'square';
    osc.frequency.setValueAtTime(880, t);
    osc.frequency.setValueAtTime(660, t + 0.3);
    osc.connect(gain);
    osc.start(t);
    osc.stop(t + 0.6);
  }
}
