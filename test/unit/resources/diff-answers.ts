/** A lifecycle diff's answer when nothing changed. */
export const NO_CHANGES = { changes: false, replaces: [], deleteBeforeReplace: false };

/** A lifecycle diff's answer for a change made in place, with no replacement. */
export const IN_PLACE_CHANGE = { changes: true, replaces: [], deleteBeforeReplace: false };
