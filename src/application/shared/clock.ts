/** The time source of the application, so rules that depend on time can be tested without waiting. */
export abstract class Clock {
  abstract now(): Date;
}
