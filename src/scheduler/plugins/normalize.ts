/**
 * helper.DefaultNormalizeScore: scales scores so the highest becomes maxPriority (integer
 * arithmetic); with `reverse`, high raw scores become low ones. All zero: all zero, or all
 * maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
