/**
 * k-anonymity of the anonymous counts (docs/PRIVACY.md): a batch leaves the device only when it covers at least k
 * results, and the observatory hides any number built from fewer. Its own module so that the device settings, read at
 * start-up, do not pull the whole aggregation into the first bundle.
 */
export const DEFAULT_K = 5;
/** Never below: with 2, a person who knows one of the two learns the other. */
export const MIN_K = 3;
