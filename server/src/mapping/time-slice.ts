/**
 * Cooperative time slicing for long loops on the serving thread: mapping a large ledger takes
 * seconds of CPU, and without pauses no other request (a health check included) is answered
 * meanwhile. A loop asks `over()` each step and, when its slice is used up, awaits `pause()`,
 * which lets pending I/O run before it continues.
 */
import { setImmediate } from "node:timers/promises";

/** Short enough that a request waiting behind a slice is still answered promptly. */
const SLICE_MS = 15;

export class TimeSlice {
  private ends = performance.now() + SLICE_MS;

  over(): boolean {
    return performance.now() >= this.ends;
  }

  async pause(): Promise<void> {
    await setImmediate();
    this.ends = performance.now() + SLICE_MS;
  }
}
