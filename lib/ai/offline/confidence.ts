/** At or above this an offline answer may be sent in auto mode without a person. */
export const AUTO_CONFIDENCE = 0.75;
