// Wall-clock budgets in tests catch a hang or a super-linear blow-up, never a slow machine: each is what the
// work takes on this machine unloaded, times LOAD_FACTOR, so that the suite passes beside the rest of the suite
// and a busy-loop on every core (CONTRIBUTING, "Tests"). A quadratic path at these sizes takes minutes.
export const LOAD_FACTOR = 5;

/** A budget in ms for work that takes about `ms` on an idle machine. */
export const budget = (ms: number): number => ms * LOAD_FACTOR;
