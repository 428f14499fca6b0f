/** Runs a unit of work in one database transaction: everything inside commits together or not at all. */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}
