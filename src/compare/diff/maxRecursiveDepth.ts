/**
 * How deep the diff engine recurses. Node's default stack takes a few thousand frames of the
 * walk; real API bodies nest a few dozen levels. Below this depth a subtree is compared as a whole
 * (iteratively) and reported, if it differs, as one difference at the node where the limit hit.
 */
export const maxRecursiveDepth = 1000;
