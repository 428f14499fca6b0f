export const NO_ANSWER = Symbol('no answer');

/** What a call abandoned at its deadline is told, and what a caller reports of it. */
export const noAnswerWithin = (ms: number): string => `no answer within ${ms} ms`;

/**
 * What `call` settles to within `ms`, or NO_ANSWER. A call not answered by then is abandoned: its signal is aborted,
 * so that what it holds for an answer nobody awaits (a connection, a timer) is let go. Its later rejection is still
 * handled (by the race).
 */
export async function answerWithin<T>(call: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T | typeof NO_ANSWER> {
  const abandon = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof NO_ANSWER>((resolve) => (timer = setTimeout(resolve, ms, NO_ANSWER)));
  try {
    const answer = await Promise.race([call(abandon.signal), deadline]);
    if (answer === NO_ANSWER) abandon.abort(new Error(noAnswerWithin(ms)));
    return answer;
  } finally {
    clearTimeout(timer);
  }
}
