/**
 * The Warnings navarch sends when it stores an admission object it does not act on: it never calls
 * admission webhooks and never evaluates admission policies, so a user relying on one must be told.
 */

export const WEBHOOKS_NOT_CALLED = (kind: string): string =>
  `navarch stores ${kind} objects but does not call admission webhooks: requests are admitted without them`;

export const POLICIES_NOT_ENFORCED = (kind: string): string =>
  `navarch stores ${kind} objects but does not evaluate validating admission policies: requests are admitted without them`;
