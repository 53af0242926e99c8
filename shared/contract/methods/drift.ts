// Contract entries of the drift domain.
export const driftMethods = {} as const;
