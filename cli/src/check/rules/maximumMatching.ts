/**
 * Maximum bipartite matching (Kuhn's augmenting paths) between `left` indexes
 * and `right` indexes, where `edges[i]` lists the right indexes left `i` may
 * pair with. Returns `match[i]` = the right index paired with left `i`, or -1.
 */
export function maximumMatching(edges: readonly (readonly number[])[], rightCount: number): number[] {
  const matchOfRight = new Array<number>(rightCount).fill(-1);
  const tryAugment = (left: number, seen: boolean[]): boolean => {
    for (const right of edges[left] ?? []) {
      if (seen[right]) continue;
      seen[right] = true;
      const owner = matchOfRight[right] as number;
      if (owner === -1 || tryAugment(owner, seen)) {
        matchOfRight[right] = left;
        return true;
      }
    }
    return false;
  };
  for (let left = 0; left < edges.length; left++) tryAugment(left, new Array<boolean>(rightCount).fill(false));
  const matchOfLeft = new Array<number>(edges.length).fill(-1);
  matchOfRight.forEach((left, right) => {
    if (left !== -1) matchOfLeft[left] = right;
  });
  return matchOfLeft;
}
