/** The Warning on writes of API Priority and Fairness objects, which navarch stores but does not act on. */
export const APF_NOT_ENFORCED = (kind: string): string =>
  `navarch stores ${kind} objects but does not enforce API Priority and Fairness: requests are neither queued nor limited`;
