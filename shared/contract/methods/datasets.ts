// Contract entries of the datasets domain.
export const datasetMethods = {} as const;
