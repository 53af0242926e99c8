// Contract entries of the bench domain.
export const benchMethods = {} as const;
