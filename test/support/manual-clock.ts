/** A clock the test sets and moves by hand, bound in place of the Clock port. */
export class ManualClock {
  private current: Date;

  constructor(start = new Date()) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}
