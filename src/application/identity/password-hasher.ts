export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a real verification, so an unknown email answers as slowly as a wrong password. */
  abstract verifyDummy(password: string): Promise<void>;
}
