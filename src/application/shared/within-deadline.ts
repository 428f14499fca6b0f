export const NO_ANSWER = Symbol('no answer');

/** What `answer` settles to within `ms`, or NO_ANSWER. A later rejection is still handled (by the race). */
export function within<T>(answer: Promise<T>, ms: number): Promise<T | typeof NO_ANSWER> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof NO_ANSWER>((resolve) => (timer = setTimeout(resolve, ms, NO_ANSWER)));
  return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
}
