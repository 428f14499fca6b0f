import { Injectable } from '@nestjs/common';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { CommonPasswordList } from '../../application/identity/common-password-list';

/** Below this, zxcvbn's score 3: fewer than 10^8 guesses for a cracker. */
const LEAST_SCORE = 3;

const ESTIMATED_LENGTH = 20;

/**
 * The passwords attackers try first, as zxcvbn-ts estimates a cracker's guesses: its list of about 49,000 common
 * passwords and the owner's own words (zxcvbn's user inputs) together with the patterns crackers try (repeats,
 * sequences, keyboard walks, dates, l33t, a common word with digits). At the policy's 12 characters the list alone refused almost nothing (308 of its entries are that
 * long), where the estimate refuses `aaaaaaaaaaaa`, `123456123456`, `qwertyuiopas` or `iloveyou1234`. Only the first
 * ESTIMATED_LENGTH UTF-16 units are estimated: the estimate runs on the event loop and its time grows with the
 * length (under 2 ms for a usual password; for crafted repeats or l33t, about 13 ms at 20 units against 37 at 32),
 * and a password whose start is that weak is weak. Loaded on the first check (a registration, a password change or
 * reset), not at start-up: the list and the estimator take about 70 ms and 6 MB, which an instance that only serves
 * reads never needs.
 */
@Injectable()
export class CommonPasswordDictionary extends CommonPasswordList {
  private estimator?: ZxcvbnFactory;

  includes(password: string, ownWords: readonly string[]): boolean {
    this.estimator ??= loadEstimator();
    return this.estimator.check(password, withEstimatedStarts(ownWords)).score < LEAST_SCORE;
  }
}

/** A long word's start too: a password made of a long address is estimated as its first ESTIMATED_LENGTH units. */
function withEstimatedStarts(words: readonly string[]): string[] {
  return [...words, ...words.filter((word) => word.length > ESTIMATED_LENGTH).map((word) => word.slice(0, ESTIMATED_LENGTH))];
}

function loadEstimator(): ZxcvbnFactory {
  // A require where it is needed rather than an import at the top: an import would load it at start-up.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const { adjacencyGraphs, dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: ESTIMATED_LENGTH });
}
